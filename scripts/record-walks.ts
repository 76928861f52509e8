// Records labs' walks (walks.yaml beside each lab file) into evidence files (format 3, as `labgrade collect` writes
// them), and checks each against the statuses it is expected to produce. CI runs it, so a change in engine
// behaviour shows up. `npm run record -- --help` says every option (testing/recorder/record-options.ts).
// --throwaway walks on an engine of its own (root; see testing/throwaway-engine.ts), never on the machine's: the
// walks remove the lab images' tags, which would break anyone grading there.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { readConfig } from "../src/config.ts";
import type { Engine } from "../src/docker/connect.ts";
import { openEngine } from "../src/docker/open-engine.ts";
import { snapshotOf, writeEvidenceFile } from "../src/evidence/evidence-file.ts";
import { followStream } from "../src/docker/follow.ts";
import { HarnessError } from "../src/errors.ts";
import { ensureLabImage } from "../src/images/ensure.ts";
import { imageState } from "../src/images/image-state.ts";
import { labImage } from "../src/images/lab-images.ts";
import { substituteBuilder } from "../src/images/substitutes.ts";
import { judgeEngine } from "../src/lab/judge.ts";
import type { Lab } from "../src/lab/lab.ts";
import { labFolder, loadLab, shippedLabIds } from "../src/labfile/index.ts";
import { silentProgress } from "../src/progress/progress.ts";
import { recordWalk } from "../testing/recorder/record.ts";
import { parseRecordArgs, RECORD_USAGE, recordingFolders } from "../testing/recorder/record-options.ts";
import { labWalkScripts } from "../testing/recorder/walks.ts";
import { startThrowawayEngine, type ThrowawayEngine } from "../testing/throwaway-engine.ts";

const parsed = parseRecordArgs(process.argv.slice(2));
if ("help" in parsed) {
  process.stdout.write(RECORD_USAGE);
  process.exit(0);
}
if ("error" in parsed) {
  process.stderr.write(`${parsed.error}\n\n${RECORD_USAGE}`);
  process.exit(2);
}
const { options } = parsed;
const labs: Lab[] = await Promise.all((options.labs.length ? options.labs : shippedLabIds()).map((ref) => loadLab(ref)));
let throwaway: ThrowawayEngine | undefined;
let engine: Engine;
let env: NodeJS.ProcessEnv | undefined;
if (options.throwaway) {
  throwaway = await startThrowawayEngine({ bridge: true, binDir: options.engineBin, daemonConfig: options.containerdStore ? { features: { "containerd-snapshotter": true } } : {} });
  const url = `unix://${throwaway.socket}`;
  env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: url, LABGRADE_OFFLINE: "1" };
  engine = { docker: throwaway.docker, endpoint: { url, source: "a throwaway engine" }, clientVersion: (await execa("docker", ["version", "--format", "{{.Client.Version}}"], { env, reject: false })).stdout.trim() || null };
  if (options.images) await execa("docker", ["load", "-i", options.images], { env });
  if (options.copyImages) await copyLabImages(labs, await openEngine(readConfig()), engine, (l) => console.log(`  ${l}`));
  const config = readConfig(env);
  for (const image of [...new Set(labs.flatMap((l) => l.images))].map(labImage)) {
    await ensureLabImage(image, { docker: engine.docker, registryAnswers: async () => false, buildSubstitute: substituteBuilder(engine.docker, config), progress: () => silentProgress, forceOffline: true });
  }
} else {
  engine = await openEngine(readConfig());
}
let mismatches = 0;
try {
  for (const lab of labs) {
    for (const walk of labWalkScripts(lab).filter((w) => !options.only.length || options.only.includes(w.name))) {
      const started = Date.now();
      const evidence = await recordWalk(walk, { engine, lab, ...(env ? { env } : {}), log: (l) => console.log(`  ${l}`) });
      const results = judgeEngine(lab, { kind: "snapshot", snapshot: snapshotOf(evidence), source: "live" });
      const wrong = Object.entries(walk.expected).filter(([id, status]) => results[id]?.status !== status);
      mismatches += wrong.length;
      console.log(`${lab.id} ${walk.name}: recorded in ${((Date.now() - started) / 1000).toFixed(1)}s; ${wrong.length ? `MISMATCH ${wrong.map(([id, s]) => `${id} expected ${s}, got ${results[id]?.status}: ${results[id]?.message}`).join("; ")}` : "statuses as expected"}`);
      const name = `${walk.name}${options.suffix ? `-${options.suffix}` : ""}`;
      const { folders, held } = recordingFolders({ out: options.out, lab: { id: lab.id, folder: labFolder(lab) }, name, updateFixtures: options.updateFixtures, asExpected: wrong.length === 0 });
      for (const dir of folders) {
        await mkdir(dir, { recursive: true });
        await writeEvidenceFile(path.join(dir, "evidence.json"), evidence);
        await writeFile(path.join(dir, "expected.json"), JSON.stringify({ description: walk.description, steps: walk.expected, trust: { level: "collected", reasons: [] } }, null, 2) + "\n");
      }
      if (held) console.log(`  not written to ${path.relative(process.cwd(), held)}/: its verdicts differ from walks.yaml's expect. Fix the lab or the walk, then record again (this recording: ${path.relative(process.cwd(), folders[0]!)}/).`);
    }
  }
} finally {
  await throwaway?.stop();
}
process.exitCode = mismatches ? 1 : 0;

// Copies each lab image from one engine to another, as `docker save | docker load` would: its public tag, or
// labgrade's private copy when the public one is gone (ensureLabImage then tags it again).
async function copyLabImages(labs: Lab[], from: Engine, to: Engine, log: (line: string) => void): Promise<void> {
  for (const image of [...new Set(labs.flatMap((l) => l.images))].map(labImage)) {
    const source = (await imageState(from.docker, image.publicTag)).present ? image.publicTag : image.privateTag;
    if (!(await imageState(from.docker, source)).present) throw new HarnessError("BAD_INPUT", `--copy-images: this machine's engine has neither ${image.publicTag} nor ${image.privateTag}.`, `Run \`npx labgrade images --lab <lab>\` first, or give --images TAR.`);
    const started = Date.now();
    const loaded = await followStream(await to.docker.loadImage(await from.docker.getImage(source).get()), () => undefined);
    if (loaded.error !== undefined) throw new HarnessError("ENGINE_FAILED", `--copy-images: the throwaway engine did not load ${source}: ${loaded.error}`);
    log(`copied ${source} from this machine's engine in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
}
