import type { LabgradeConfig } from "../config.ts";
import { newRun } from "../docker/labels.ts";
import { HarnessError } from "../errors.ts";
import { imageWheelCopier } from "../pipeline/wheels-for-grading.ts";
import { defaultPython, prepareWheels, wheelCacheDir, type WheelSource } from "../runners/local/index.ts";

export interface WheelsOptions {
  from?: string;
  python?: string;
  dir?: string;
  force?: boolean;
  folder?: string;
}

const SOURCES = ["auto", "image", "system", "registry", "folder"];

// `labgrade wheels`: the wheel cache that grading without an engine installs a Dockerfile's pip packages from.
export async function wheelsCommand(options: WheelsOptions, config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const from = options.from ?? "auto";
  if (!SOURCES.includes(from)) throw new HarnessError("BAD_INPUT", `Expected --from to be one of ${SOURCES.join(", ")}; got "${from}".`);
  const dir = options.dir ?? wheelCacheDir(env);
  const run = newRun();
  const fromImage = from === "auto" || from === "image" ? await imageWheelCopier(config, env, run.labels) : undefined;
  const result = await prepareWheels({
    dir,
    python: options.python ?? defaultPython(env),
    from: from as WheelSource | "auto",
    force: Boolean(options.force),
    ...(options.folder ? { folder: options.folder } : {}),
    ...(fromImage ? { fromImage } : {}),
    log: (line) => out.write(`  ${line}\n`),
  });
  const { manifest } = result.cache;
  const versions = Object.entries(manifest.versions).map(([name, version]) => `${name} ${version}`).join(", ");
  out.write(
    `${result.reused ? "Already prepared" : "Prepared"}: ${dir}\n  ${versions} for python ${manifest.python.version} (${manifest.python.executable}), from ${manifest.source}: ${manifest.origin}\n` +
      "  `labgrade grade --no-engine` (and grading when no engine answers) installs a Dockerfile's pip packages from here, with no index.\n",
  );
  return 0;
}
