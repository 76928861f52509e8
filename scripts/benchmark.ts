// Prints how fast labgrade is on this machine: a ready `labgrade images`, a live evidence read, and
// whole grades of the bundled reference (evidence, build, run, total), plus labgrade's peak memory.
//   npx tsx scripts/benchmark.ts [--grades N]
import { parseArgs } from "node:util";
import { readConfig } from "../src/config.ts";
import { openEngine } from "../src/docker/open-engine.ts";
import { readLiveSnapshot } from "../src/pipeline/gather-snapshot.ts";
import { ensureLabImage } from "../src/images/ensure.ts";
import { labImage } from "../src/images/lab-images.ts";
import { gradeSubmission } from "../src/pipeline/grade-submission.ts";
import { silentProgress } from "../src/progress/progress.ts";
import { DEFAULT_SANDBOX } from "../src/runners/app-runner.ts";
import { DEFAULT_STEPS, HANDOUT_REFERENCE, handoutLab } from "../testing/lab/lab-steps.ts";

const { values } = parseArgs({ options: { grades: { type: "string", default: "3" } } });
const config = readConfig();
const engine = await openEngine(config);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${seconds(s[0]!)}  median ${seconds(s[Math.floor(s.length / 2)]!)}  max ${seconds(s.at(-1)!)}`;
};

let started = Date.now();
for (const image of handoutLab.images.map(labImage)) {
  await ensureLabImage(image, { docker: engine.docker, registryAnswers: async () => false, buildSubstitute: async () => { throw new Error("run `labgrade images` first"); }, progress: () => silentProgress, forceOffline: true });
}
console.log(`labgrade images, machine ready:   ${seconds(Date.now() - started)}`);

started = Date.now();
const snapshot = await readLiveSnapshot(engine, handoutLab.marks);
console.log(`live evidence read:               ${seconds(Date.now() - started)} (${snapshot.containers.length} containers, ${snapshot.images.length} images)`);

const runs: Array<{ evidenceMs: number; buildMs: number; runMs: number; totalMs: number }> = [];
for (let i = 0; i < Number(values.grades); i++) {
  const report = await gradeSubmission({ dir: HANDOUT_REFERENCE, evidence: { kind: "auto" } }, { lab: handoutLab, steps: DEFAULT_STEPS, config, sandbox: DEFAULT_SANDBOX, buildTimeoutMs: 600_000 });
  if (report.score !== report.maxScore) console.log(`  warning: the reference scored ${report.score}/${report.maxScore}`);
  runs.push(report.timings);
}
console.log(`grade the reference (${runs.length}x):`);
for (const key of ["evidenceMs", "buildMs", "runMs", "totalMs"] as const) console.log(`  ${key.replace("Ms", "").padEnd(9)} ${stats(runs.map((r) => r[key]))}`);
console.log(`labgrade peak memory (RSS):       ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
