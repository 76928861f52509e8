// Bulk grading against the loop an instructor would write, in the same run on the same engine.
//   npm run bench [-- --distinct 8 --heavy 12 --verbatim 8 --large 200 --concurrency 2]
//   npm run bench -- --twice 6   two runs at once on one engine against one alone, on the same class of 6
//                                (half of them the handout's app verbatim): wall times, and each run's verdicts
//                                against the lone run's.
//   npm run bench -- --engines 26.1-overlay2,26.1-containerd
//                                the same bench on each of these engines of the matrix (scripts/engines/, root),
//                                started side by side with the lab images, one table each; "system" is the
//                                machine's own engine (the default). On the containerd store the naive loop
//                                builds with BuildKit (`docker buildx build`: no --memory there), as `docker
//                                build` does on a student's Docker 23+; elsewhere with the classic builder.
// It generates classes (each student: evidence.json beside a lab/ folder with app.py and Dockerfile):
//   distinct       every student's app differs (a comment), so every one is built;
//   handout-heavy  most students hand in the handout's app verbatim;
//   large          a class of --large students (and one a quarter of its size) for labgrade's peak memory.
// The naive loop is `docker build` + `docker run` per submission, one after another, with labgrade's
// sandbox flags, keeping its images until the end (so the engine's layer cache helps it on verbatim copies).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { HANDOUT_FILES } from "../testing/lab/lab-steps.ts";
import { DEFAULT_SANDBOX } from "../src/runners/app-runner.ts";
import { ENGINE_KINDS, kindName, type EngineKind } from "./engines/engine-kinds.ts";
import { ensureEngines, type LabEngine, startLabEngine } from "./engines/lab-engine.ts";

const { values } = parseArgs({
  options: {
    distinct: { type: "string", default: "8" },
    heavy: { type: "string", default: "12" },
    verbatim: { type: "string", default: "8" },
    large: { type: "string", default: "200" },
    concurrency: { type: "string", default: "2" },
    twice: { type: "string" },
    engines: { type: "string", default: "system" },
  },
});
const BIN = path.resolve("bin/labgrade.js");
const WALK = JSON.parse(readFileSync("labs/docker-install/walks/full-walk/evidence.json", "utf8")) as { containers: Array<{ id: string }> };
const root = await mkdtemp(path.join(os.tmpdir(), "labgrade-bench-"));
// The engine being benched: the system's (nothing set), or one of the matrix's (DOCKER_HOST, DOCKER_CONFIG).
let engineEnv: Record<string, string> = {};
let buildkitNaive = false;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
// What the bench is doing now, on stderr: it takes minutes.
const step = (text: string) => process.stderr.write(`bench: ${text}\n`);

// A student: the handout's app (verbatim, or with their own comment), and evidence of their own engine.
async function student(dir: string, verbatim: boolean, n: number): Promise<void> {
  await mkdir(path.join(dir, "lab"), { recursive: true });
  await writeFile(path.join(dir, "lab", "app.py"), verbatim ? HANDOUT_FILES["app.py"]! : `${HANDOUT_FILES["app.py"]}# student ${n}: ${randomBytes(4).toString("hex")}\n`);
  await writeFile(path.join(dir, "lab", "Dockerfile"), HANDOUT_FILES.Dockerfile!);
  const evidence = { ...WALK, containers: WALK.containers.map((c) => ({ ...c, id: randomBytes(32).toString("hex") })) };
  await writeFile(path.join(dir, "evidence.json"), JSON.stringify(evidence, null, 2));
}

async function makeClass(name: string, size: number, verbatim: number): Promise<string[]> {
  const dir = path.join(root, name);
  const students: string[] = [];
  for (let i = 0; i < size; i++) {
    const sdir = path.join(dir, `student-${String(i).padStart(3, "0")}`);
    await student(sdir, isVerbatim(i, size, verbatim), i);
    students.push(sdir);
  }
  return students;
}
// The verbatim copies spread evenly through the class, as an alphabetical export would have them.
const isVerbatim = (i: number, size: number, verbatim: number) => Math.floor(((i + 1) * verbatim) / size) > Math.floor((i * verbatim) / size);

// labgrade bulk over a class folder, with its wall time and peak resident memory (VmHWM, polled).
async function labgrade(classDir: string, concurrency: number, out: string = path.join(root, `out-${path.basename(classDir)}-${concurrency}-${Date.now()}`)): Promise<{ ms: number; peakMiB: number; ok: boolean; out: string }> {
  const started = Date.now();
  const child = execa("node", [BIN, "bulk", classDir, "--out", out, "--concurrency", String(concurrency)], { reject: false, env: { FORCE_COLOR: "0", ...engineEnv } });
  let peak = 0;
  const poll = setInterval(async () => {
    const status = await readFile(`/proc/${child.pid}/status`, "utf8").catch(() => "");
    const hwm = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
    peak = Math.max(peak, hwm / 1024);
  }, 100);
  const result = await child;
  clearInterval(poll);
  await writeFile(`${out}.log`, String(result.stderr)).catch(() => undefined);
  if (result.exitCode !== 0) process.stderr.write(String(result.stderr).slice(-2000));
  return { ms: Date.now() - started, peakMiB: peak, ok: result.exitCode === 0, out };
}

// Each student's verdicts as a run's journal holds them: status, score and every step's status.
async function verdicts(out: string): Promise<Record<string, string>> {
  const rows = (await readFile(path.join(out, "journal.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { student: string; status: string; score: number | null; steps: Array<{ id: string; status: string }> });
  // By student, whatever order they finished in.
  const sorted = rows.sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  return Object.fromEntries(sorted.map((r) => [r.student, `${r.status} ${r.score} ${r.steps.map((st) => `${st.id}:${st.status}`).join(",")}`]));
}

// Two labgrade runs at once on one engine (as two shards, two pushes in CI) against one alone, same class.
async function twice(size: number, concurrency: number): Promise<void> {
  await makeClass("twice", size, Math.floor(size / 2));
  const classDir = path.join(root, "twice");
  step(`one run alone over ${size} students…`);
  const alone = await labgrade(classDir, concurrency, path.join(root, "out-alone"));
  step(`alone ${s(alone.ms)}; two runs at once…`);
  const both = await Promise.all([labgrade(classDir, concurrency, path.join(root, "out-a")), labgrade(classDir, concurrency, path.join(root, "out-b"))]);
  const lone = await verdicts(alone.out);
  const expected = JSON.stringify(lone);
  const same = await Promise.all(both.map(async (r) => JSON.stringify(await verdicts(r.out)) === expected));
  for (const r of both) {
    const got = await verdicts(r.out);
    for (const [who, v] of Object.entries(lone)) if (got[who] !== v) step(`${path.basename(r.out)}: ${who}: alone "${v}", at once "${got[who]}"`);
  }
  console.log("");
  console.log(`class of ${size} (${Math.floor(size / 2)} verbatim), --concurrency ${concurrency}`);
  console.log(`alone:         ${s(alone.ms)} (${s(alone.ms / size)} /student), exit ${alone.ok ? "0" : "≠ 0"}`);
  both.forEach((r, i) => console.log(`at once, run ${i + 1}: ${s(r.ms)} (${s(r.ms / size)} /student), exit ${r.ok ? "0" : "≠ 0"}, verdicts ${same[i] ? "identical to the lone run's" : "DIFFER from the lone run's"}`));
  const wall = Math.max(...both.map((r) => r.ms));
  console.log(`two classes at once in ${s(wall)}: ${(wall / alone.ms).toFixed(2)}× one alone (2× would be no gain from sharing the engine)`);
  if (!alone.ok || both.some((r) => !r.ok) || same.some((ok) => !ok)) process.exitCode = 1;
}

// What an instructor would write: build and run each folder in turn, with the same limits.
async function naive(students: string[]): Promise<number> {
  const started = Date.now();
  const tags: string[] = [];
  const sb = DEFAULT_SANDBOX;
  const env = { ...engineEnv, DOCKER_BUILDKIT: buildkitNaive ? "1" : "0" };
  const limits = buildkitNaive ? [] : ["--memory", String(sb.memoryBytes), "--memory-swap", String(sb.memoryBytes), "--cpu-quota", String(sb.cpus * 100_000)];
  for (const [i, dir] of students.entries()) {
    const tag = `labgrade-bench-naive:${i}-${Date.now()}`;
    tags.push(tag);
    const build = await execa("docker", [...(buildkitNaive ? ["buildx", "build", "--progress=quiet"] : ["build", "-q"]), "--network", "none", ...limits, "-t", tag, path.join(dir, "lab")], { reject: false, env });
    if (build.exitCode !== 0) throw new Error(`naive build failed: ${build.stderr}`);
    await execa("timeout", [String(sb.timeoutMs / 1000), "docker", "run", "--rm", "--network", "none", "--memory", String(sb.memoryBytes), "--memory-swap", String(sb.memoryBytes), "--pids-limit", String(sb.pidsLimit), "--cpus", String(sb.cpus), "--security-opt", "no-new-privileges", "--cap-drop", "ALL", "-e", "MPLBACKEND=Agg", tag], { reject: false, env });
  }
  const ms = Date.now() - started;
  await execa("docker", ["image", "rm", "-f", ...tags], { reject: false, env });
  await execa("docker", ["image", "prune", "-f", "--filter", "label!=org.labgrade.managed"], { reject: false, env });
  if (buildkitNaive) await execa("docker", ["builder", "prune", "-af"], { reject: false, env });
  return ms;
}

const concurrency = Number(values.concurrency);
if (values.twice) {
  try {
    await twice(Number(values.twice), concurrency);
  } finally {
    // What went wrong stays readable: each run's output folder and its log.
    if (process.exitCode) step(`kept ${root} (each run's --out folder and its .log)`);
    else await rm(root, { recursive: true, force: true });
  }
  process.exit();
}
// One engine's bench: its classes in their own folder, one table.
async function benchOn(label: string): Promise<void> {
  const server = (await execa("docker", ["info", "--format", "{{.ServerVersion}} {{.Driver}}"], { env: engineEnv })).stdout;
  const machine = `${os.availableParallelism()} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.cpus()[0]?.model ?? "cpu"}; ${label}: Docker ${server}`;
  console.log(`\nmachine: ${machine}`);
  const rows: string[][] = [];
  const results: Record<string, number> = {};
  for (const [name, size, verbatim] of [["distinct", Number(values.distinct), 0], ["handout-heavy", Number(values.heavy), Number(values.verbatim)]] as const) {
    const students = await makeClass(name, size, verbatim);
    step(`${name}: labgrade bulk over ${size} students…`);
    const lg = await labgrade(path.join(root, name), concurrency);
    step(`${name}: labgrade ${s(lg.ms)}; the naive loop…`);
    const nv = await naive(students);
    step(`${name}: naive loop ${s(nv)}`);
    results[name] = nv / lg.ms;
    rows.push([`${name} (${size} students${verbatim ? `, ${verbatim} verbatim` : ""})`, `${s(nv / size)} /student`, `${s(lg.ms / size)} /student`, `${(nv / lg.ms).toFixed(2)}×`, lg.ok ? "" : "labgrade exit ≠ 0"]);
  }
  // labgrade's own cost over a raw build + run: one at a time, on distinct apps, against the naive loop.
  step("distinct apps one at a time: labgrade, then the naive loop…");
  const one = await labgrade(path.join(root, "distinct"), 1);
  const distinctSize = Number(values.distinct);
  const naiveDistinct = await naive((await makeClass("distinct-again", distinctSize, 0)));
  const overhead = (one.ms - naiveDistinct) / distinctSize;
  const large = Number(values.large);
  const small = Math.max(10, Math.round(large / 4));
  await makeClass("large", large, large - 10);
  await makeClass("quarter", small, small - 10);
  step(`peak memory: a class of ${small}, then one of ${large}…`);
  const memSmall = await labgrade(path.join(root, "quarter"), concurrency);
  const memLarge = await labgrade(path.join(root, "large"), concurrency);

  const widths = [34, 18, 22, 8];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log("");
  console.log(line(["class", "naive loop", `labgrade bulk (c=${concurrency})`, "speed-up"]));
  for (const r of rows) console.log(line(r));
  console.log("");
  // Negative when labgrade's pip install, built once before the COPY (hoist-pip.ts), outweighs its own work.
  console.log(`one at a time on distinct apps: labgrade ${s(one.ms / distinctSize)}, naive loop ${s(naiveDistinct / distinctSize)} per submission: labgrade's overhead over raw build + run ${overhead >= 0 ? "+" : ""}${s(overhead)}`);
  console.log(`labgrade peak memory (RSS): class of ${small}: ${memSmall.peakMiB.toFixed(0)} MiB (${s(memSmall.ms)}); class of ${large}: ${memLarge.peakMiB.toFixed(0)} MiB (${s(memLarge.ms)})`);
  console.log("");
  const check = (ok: boolean) => (ok ? "met" : "MISSED");
  console.log(`targets: distinct ≥ 1.5×: ${check((results.distinct ?? 0) >= 1.5)}; handout-heavy ≥ 2×: ${check((results["handout-heavy"] ?? 0) >= 2)}; peak < 300 MiB: ${check(memLarge.peakMiB < 300)}; flat in class size (≤ 1.25× from ${small} to ${large}): ${check(memLarge.peakMiB <= memSmall.peakMiB * 1.25)}`);
}

const wanted = values.engines.split(",");
const kinds = wanted.filter((w) => w !== "system").map((w): EngineKind => {
  const kind = ENGINE_KINDS.find((k) => `${k.version}-${k.store}` === w);
  if (!kind) throw new Error(`--engines: expected system or one of ${ENGINE_KINDS.map((k) => `${k.version}-${k.store}`).join(", ")}, found ${w}`);
  return kind;
});
await ensureEngines(kinds);
if (kinds.length) step(`starting ${kinds.map(kindName).join(", ")} side by side, with the lab images…`);
const labs: LabEngine[] = await Promise.all(kinds.map((k) => startLabEngine(k)));
try {
  for (const w of wanted) {
    const i = kinds.findIndex((k) => `${k.version}-${k.store}` === w);
    engineEnv = i >= 0 ? labs[i]!.env : {};
    buildkitNaive = i >= 0 && kinds[i]!.store === "containerd";
    await benchOn(i >= 0 ? kindName(kinds[i]!) : "the system's engine");
  }
} finally {
  await Promise.all(labs.map((l) => l.engine.stop()));
  await rm(root, { recursive: true, force: true });
}
