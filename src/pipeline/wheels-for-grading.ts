import type { LabgradeConfig } from "../config.ts";
import { newRun } from "../docker/labels.ts";
import { openEngine } from "../docker/open-engine.ts";
import { isHarnessError } from "../errors.ts";
import type { Progress } from "../progress/progress.ts";
import { copyImageWheels, defaultPython, prepareWheels, readWheelCache } from "../runners/local/index.ts";

// The offline python image's wheels, when an engine answers; otherwise that source is skipped with the reason.
// `labgrade wheels` and grading without an engine share it, so both make the cache from the same sources.
export async function imageWheelCopier(config: LabgradeConfig, env: NodeJS.ProcessEnv, labels: Record<string, string>): Promise<((dest: string) => Promise<string>) | undefined> {
  const engine = await openEngine(config, env).catch((error: unknown) => {
    if (isHarnessError(error)) return null;
    throw error;
  });
  return engine ? (dest) => copyImageWheels(engine.docker, dest, labels) : undefined;
}

export interface WheelsForGrading {
  dir: string;
  /** The python the cache is made for (default: LABGRADE_PYTHON, else python3). */
  python?: string;
  config: LabgradeConfig;
  env: NodeJS.ProcessEnv;
  progress: Progress;
  /** Ask an engine for the offline image's wheels (false when none answered a moment ago). */
  askEngine: boolean;
}

/** What was done: "present" (a cache was there), "made", or why it could not be made. */
export type WheelsOutcome = { state: "present" } | { state: "made"; summary: string } | { state: "failed"; problem: string };

// Grading without an engine installs a Dockerfile's pip packages from the wheel cache; a machine that never ran
// `labgrade wheels` has none, and every app step would say it could not be judged. So a grade makes it first,
// from the same sources in the same order (the offline image when an engine answers, this system's numpy and
// matplotlib, a package index), showing how far it is. A cache that is there is left as it is.
export async function ensureWheelsForGrading(options: WheelsForGrading): Promise<WheelsOutcome> {
  if (await readWheelCache(options.dir)) return { state: "present" };
  const stage = (line: string) => options.progress.stage(`making the wheel cache: ${line}`);
  stage(`none at ${options.dir} yet`);
  try {
    const fromImage = options.askEngine ? await imageWheelCopier(options.config, options.env, newRun().labels) : undefined;
    const result = await prepareWheels({ dir: options.dir, python: options.python ?? defaultPython(options.env), from: "auto", ...(fromImage ? { fromImage } : {}), log: stage });
    const { manifest } = result.cache;
    const summary = `made the wheel cache ${options.dir} from ${manifest.source} (${Object.entries(manifest.versions).map(([n, v]) => `${n} ${v}`).join(", ")})`;
    stage(summary);
    return { state: "made", summary };
  } catch (error) {
    if (!isHarnessError(error)) throw error;
    stage(`could not make it: ${error.message}`);
    return { state: "failed", problem: error.message };
  }
}
