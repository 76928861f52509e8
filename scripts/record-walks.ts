// Records labs' walks (walks.yaml beside each lab file) into evidence files (format 3, as `labgrade collect` writes
// them), and checks each against the statuses it is expected to produce. CI runs it, so a change in engine
// behaviour shows up.
//   npx tsx scripts/record-walks.ts [--lab ID|PATH]... [--out DIR] [--update-fixtures] [--only NAME]
//                                   [--throwaway [--images TAR] [--engine-bin DIR] [--containerd-store]] [--suffix S]
// Without --lab, every lab labgrade ships. --update-fixtures also writes walks/<name>/ beside the lab file.
// --throwaway walks on an engine of its own (root; see testing/throwaway-engine.ts), never on the machine's: the
// walks remove the lab images' tags, which would break anyone grading there. --images loads labgrade's private lab
// images from a `docker save` of them instead of building them. --engine-bin runs another release's dockerd and
// containerd (a newer package extracted there), and --containerd-store gives it the containerd image store;
// --suffix names the recordings (full-walk-28-containerd).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { readConfig } from "../src/config.ts";
import type { Engine } from "../src/docker/connect.ts";
import { openEngine } from "../src/docker/open-engine.ts";
import { snapshotOf, writeEvidenceFile } from "../src/evidence/evidence-file.ts";
import { ensureLabImage } from "../src/images/ensure.ts";
import { labImage } from "../src/images/lab-images.ts";
import { substituteBuilder } from "../src/images/substitutes.ts";
import { judgeEngine } from "../src/lab/judge.ts";
import type { Lab } from "../src/lab/lab.ts";
import { labFolder, loadLab, shippedLabIds } from "../src/labfile/index.ts";
import { silentProgress } from "../src/progress/progress.ts";
import { recordWalk } from "../testing/recorder/record.ts";
import { labWalkScripts } from "../testing/recorder/walks.ts";
import { startThrowawayEngine, type ThrowawayEngine } from "../testing/throwaway-engine.ts";

const { values } = parseArgs({
  options: {
    lab: { type: "string", multiple: true },
    only: { type: "string", multiple: true },
    out: { type: "string", default: "reports/recorded-walks" },
    "update-fixtures": { type: "boolean", default: false },
    throwaway: { type: "boolean", default: false },
    images: { type: "string" },
    "engine-bin": { type: "string" },
    "containerd-store": { type: "boolean", default: false },
    suffix: { type: "string", default: "" },
  },
});
const labs: Lab[] = await Promise.all((values.lab?.length ? values.lab : shippedLabIds()).map((ref) => loadLab(ref)));
let throwaway: ThrowawayEngine | undefined;
let engine: Engine;
let env: NodeJS.ProcessEnv | undefined;
if (values.throwaway) {
  throwaway = await startThrowawayEngine({ bridge: true, binDir: values["engine-bin"], daemonConfig: values["containerd-store"] ? { features: { "containerd-snapshotter": true } } : {} });
  const url = `unix://${throwaway.socket}`;
  env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: url, LABGRADE_OFFLINE: "1" };
  engine = { docker: throwaway.docker, endpoint: { url, source: "a throwaway engine" }, clientVersion: (await execa("docker", ["version", "--format", "{{.Client.Version}}"], { env, reject: false })).stdout.trim() || null };
  if (values.images) await execa("docker", ["load", "-i", values.images], { env });
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
    for (const walk of labWalkScripts(lab).filter((w) => !values.only?.length || values.only.includes(w.name))) {
      const started = Date.now();
      const evidence = await recordWalk(walk, { engine, lab, ...(env ? { env } : {}), log: (l) => console.log(`  ${l}`) });
      const results = judgeEngine(lab, { kind: "snapshot", snapshot: snapshotOf(evidence), source: "live" });
      const wrong = Object.entries(walk.expected).filter(([id, status]) => results[id]?.status !== status);
      mismatches += wrong.length;
      console.log(`${lab.id} ${walk.name}: recorded in ${((Date.now() - started) / 1000).toFixed(1)}s; ${wrong.length ? `MISMATCH ${wrong.map(([id, s]) => `${id} expected ${s}, got ${results[id]?.status}: ${results[id]?.message}`).join("; ")}` : "statuses as expected"}`);
      const name = `${walk.name}${values.suffix ? `-${values.suffix}` : ""}`;
      const dirs = [path.resolve(values.out!, lab.id, name), ...(values["update-fixtures"] ? [path.join(labFolder(lab), "walks", name)] : [])];
      for (const dir of dirs) {
        await mkdir(dir, { recursive: true });
        await writeEvidenceFile(path.join(dir, "evidence.json"), evidence);
        await writeFile(path.join(dir, "expected.json"), JSON.stringify({ description: walk.description, steps: walk.expected, trust: { level: "collected", reasons: [] } }, null, 2) + "\n");
      }
    }
  }
} finally {
  await throwaway?.stop();
}
process.exitCode = mismatches ? 1 : 0;
