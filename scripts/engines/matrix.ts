// The engine matrix: real Docker engines of several versions, each with overlay2 and with the containerd image
// store, side by side in network namespaces of their own. On each: the lab images are loaded, the handout and
// the wrong walks are walked with the real docker CLI and judged, and the full walk is graded live, from
// `collect`, in `watch --once` and in bulk; then submission fixtures are graded. Prints a table of verdicts right
// and grade times. Needs root and the engines of fetch-engines.sh (run first when they are missing).
//   npm run test:engines [-- --quick] [--engines 26.1,28.5] [--stores containerd] [--fixtures reference,curly-quotes] [--table FILE]
// --quick: the CI subset (the recorded walks and two fixtures on 26.1 and 28.5 with the containerd store).
// --builders-only: the reference graded once through each builder on each engine, nothing else.
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { execa } from "execa";
import { JOURNAL_FILE, readJournal } from "../../src/bulk/journal.ts";
import { judgeEngine } from "../../src/lab/judge.ts";
import { readLiveSnapshot } from "../../src/pipeline/gather-snapshot.ts";
import { listRecords } from "../../src/runners/build-cache-records.ts";
import { resetEngine, runWalk } from "../../src/recorder/record-walk.ts";
import { fixtureStudent, writeCanvasExport } from "../../testing/class-export.ts";
import type { ThrowawayEngine } from "../../testing/throwaway-engine.ts";
import { ENGINE_KINDS, type EngineKind, kindName } from "./engine-kinds.ts";
import { killedMidBuild } from "./killed-build.ts";
import { ensureEngines, startLabEngine } from "./lab-engine.ts";
import { handoutLab, HANDOUT_WALKS } from "../../testing/lab/lab-steps.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/labgrade.js");
const HANDOUT = path.join(ROOT, "labs/docker-install");
const fixtureDir = (fixture: string) => (fixture === "reference" ? path.join(HANDOUT, "reference") : path.join(HANDOUT, "fixtures", fixture));

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    engines: { type: "string" },
    stores: { type: "string" },
    fixtures: { type: "string" },
    table: { type: "string" },
    "builders-only": { type: "boolean", default: false },
  },
});
const quick = Boolean(values.quick);
// Only the load and one grade of the reference through each builder: the build-time comparison.
const buildersOnly = Boolean(values["builders-only"]);
const versions = (values.engines ?? (quick ? "26.1,28.5" : "20.10,26.1,28.5")).split(",");
const stores = (values.stores ?? (quick ? "containerd" : "overlay2,containerd")).split(",");
const fixtures = (values.fixtures ?? (quick ? "reference,curly-quotes" : "reference,curly-quotes,no-pip-line,sleeps-forever,from-ubuntu")).split(",");
const kinds = ENGINE_KINDS.filter((k) => versions.includes(k.version) && stores.includes(k.store));

interface Row {
  engine: string;
  what: string;
  right: number;
  of: number;
  seconds: number;
  note: string;
}
const rows: Row[] = [];
const log = (line: string) => process.stderr.write(`${line}\n`);

type Statuses = Record<string, string>;
const compare = (expected: Statuses, got: Statuses) => {
  const wrong = Object.entries(expected).filter(([id, status]) => got[id] !== status);
  return { right: Object.keys(expected).length - wrong.length, of: Object.keys(expected).length, note: wrong.map(([id, s]) => `${id}: expected ${s}, got ${got[id] ?? "nothing"}`).join("; ") };
};
const expectedOf = async (fixture: string) => (JSON.parse(await readFile(path.join(fixtureDir(fixture), "expected.json"), "utf8")) as { steps: Statuses }).steps;
// The console table's lines: `pass   docker-engine   10/10  …` (reports/console.ts).
const MARKS: Statuses = { pass: "passed", FAIL: "failed", ERROR: "error", skip: "skipped" };
const fromConsole = (text: string): Statuses => Object.fromEntries([...text.matchAll(/^(pass|FAIL|ERROR|skip)\s+([a-z-]+)\s+\d+\/\d+/gm)].map((m) => [m[2]!, MARKS[m[1]!]!]));
const buildSeconds = (text: string) => /builds \((\d+(?:\.\d+)?) s\)/.exec(text)?.[1] ?? "";

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = Date.now();
  const value = await work();
  return { value, seconds: (Date.now() - started) / 1000 };
}

async function labgrade(args: string[], env: NodeJS.ProcessEnv) {
  return execa("node", [BIN, ...args], { env: { ...process.env, FORCE_COLOR: "0", ...env }, reject: false, timeout: 900_000, all: true });
}

// A copy of a fixture without its expected.json (and, for a live grade, without its evidence.json).
async function submission(fixture: string, work: string, withEvidence: boolean): Promise<string> {
  const dir = path.join(work, `${fixture}${withEvidence ? "" : "-live"}`);
  await cp(fixtureDir(fixture), dir, { recursive: true, filter: (src) => !src.endsWith("expected.json") && (withEvidence || !src.endsWith("evidence.json")) });
  // A fixture without an evidence.json of its own names the recorded walk it is graded with.
  const walk = (JSON.parse(await readFile(path.join(fixtureDir(fixture), "expected.json"), "utf8")) as { evidence?: string }).evidence;
  if (withEvidence && walk && !existsSync(path.join(dir, "evidence.json"))) await cp(path.join(HANDOUT, "walks", walk, "evidence.json"), path.join(dir, "evidence.json"));
  return dir;
}

async function onEngine(kind: EngineKind): Promise<void> {
  const name = kindName(kind);
  log(`== ${name}: starting`);
  const lab = await startLabEngine(kind);
  const engine: ThrowawayEngine = lab.engine;
  const work = await mkdtemp(path.join(os.tmpdir(), "labgrade-matrix-"));
  const env = { ...lab.env, LABGRADE_WHEELS: path.join(work, "wheels") };
  try {
    rows.push({ engine: name, what: "start + load lab images", right: 1, of: 1, seconds: lab.startSeconds + lab.loadSeconds, note: `Docker ${lab.version}, driver ${lab.driver}` });
    const endpoint = { url: env.DOCKER_HOST, source: "DOCKER_HOST" };
    const walkEnv = { ...process.env, ...env };
    for (const walk of buildersOnly ? [] : HANDOUT_WALKS) {
      // The walk builds in its folder named `reference`, as walks.yaml says (`in: reference`).
      const app = await submission("reference", work, false);
      await rm(path.join(work, "reference"), { recursive: true, force: true });
      await cp(app, path.join(work, "reference"), { recursive: true });
      const before = new Set((await engine.docker.listImages()).flatMap((i) => i.RepoTags ?? []));
      const walked = await timed(async () => {
        await runWalk(walk, work, (l) => log(`  ${l}`), walkEnv);
        return judgeEngine(handoutLab, { kind: "snapshot", snapshot: await readLiveSnapshot({ docker: engine.docker, endpoint }, handoutLab.marks), source: "live" });
      });
      const got = Object.fromEntries(Object.entries(walked.value).map(([id, r]) => [id, r.status]));
      rows.push({ engine: name, what: `walk ${walk.name} (engine steps)`, ...compare(walk.expected, got), seconds: walked.seconds });
      if (walk.name === "full-walk" && !quick) await gradeWalkedEngine(name, app, work, env);
      await resetEngine(engine.docker, handoutLab, before);
      await rm(app, { recursive: true, force: true });
    }
    // One grade of the reference through each builder: the classic build API and BuildKit (docker buildx).
    // A grade leaves the engine's build cache as it found it: a record left is counted as a wrong verdict.
    for (const builder of ["classic", "buildkit"]) {
      const dir = await submission("reference", work, true);
      const cacheBefore = new Set(((await listRecords(engine.docker)) ?? []).map((r) => r.ID));
      const graded = await timed(() => labgrade(["grade", dir, "--out", path.join(work, "reports", `builder-${builder}`)], { ...env, LABGRADE_BUILDER: builder }));
      const cacheLeft = ((await listRecords(engine.docker)) ?? []).filter((r) => !cacheBefore.has(r.ID)).length;
      const result = compare({ ...(await expectedOf("reference")), "build cache": "as before" }, { ...fromConsole(graded.value.stdout), "build cache": cacheLeft === 0 ? "as before" : `${cacheLeft} records left` });
      rows.push({ engine: name, what: `reference, LABGRADE_BUILDER=${builder}`, ...result, seconds: graded.seconds, note: [`build ${buildSeconds(graded.value.stdout)} s`, result.note].filter(Boolean).join("; ") });
      await rm(dir, { recursive: true, force: true });
    }
    const killed = await submission("reference", work, true);
    const kill = await timed(() => killedMidBuild(engine.docker, killed, env));
    rows.push({ engine: name, what: "BuildKit grade killed mid-build (SIGKILL), then cleanup", ...kill.value, seconds: kill.seconds });
    for (const fixture of buildersOnly ? [] : fixtures) {
      const dir = await submission(fixture, work, true);
      const graded = await timed(() => labgrade(["grade", dir, "--out", path.join(work, "reports", fixture)], env));
      const got = fromConsole(graded.value.stdout);
      const result = compare(await expectedOf(fixture), got);
      rows.push({ engine: name, what: `fixture ${fixture}`, ...result, seconds: graded.seconds, note: [buildSeconds(graded.value.stdout) && `build ${buildSeconds(graded.value.stdout)} s`, result.note].filter(Boolean).join("; ") });
    }
    if (!quick && !buildersOnly) await bulk(name, work, env);
  } finally {
    await engine.stop();
    await rm(work, { recursive: true, force: true });
  }
}

// The engine as the full walk left it: graded live, from an evidence file `collect` wrote, and by `watch --once`.
async function gradeWalkedEngine(name: string, app: string, work: string, env: NodeJS.ProcessEnv): Promise<void> {
  const all = await expectedOf("reference");
  const live = await timed(() => labgrade(["grade", app, "--evidence", "live", "--out", path.join(work, "reports", "live")], env));
  const liveResult = compare(all, fromConsole(live.value.stdout));
  rows.push({ engine: name, what: "full walk graded live", ...liveResult, seconds: live.seconds, note: [`build ${buildSeconds(live.value.stdout)} s`, liveResult.note].filter(Boolean).join("; ") });
  const evidence = path.join(work, "collected.json");
  const collected = await timed(async () => {
    await labgrade(["collect", "-o", evidence], env);
    return labgrade(["grade", app, "--evidence", evidence, "--out", path.join(work, "reports", "collected")], env);
  });
  rows.push({ engine: name, what: "full walk: collect, then grade the file", ...compare(all, fromConsole(collected.value.stdout)), seconds: collected.seconds });
  const watched = await timed(() => labgrade(["watch", app, "--once", "--json-lines"], env));
  const line = String(watched.value.stdout).trim().split("\n").at(-1) ?? "{}";
  const steps = (JSON.parse(line.startsWith("{") ? line : "{}") as { steps?: Record<string, { status: string }> }).steps ?? {};
  rows.push({ engine: name, what: "full walk: watch --once", ...compare(all, Object.fromEntries(Object.entries(steps).map(([id, s]) => [id, s.status]))), seconds: watched.seconds });
}

// A Canvas export of the fixtures, each with its own evidence.json, graded in bulk on this engine.
async function bulk(name: string, work: string, env: NodeJS.ProcessEnv): Promise<void> {
  const students = fixtures.map((fixture, i) => fixtureStudent(`student${i}_${1001 + i}_${5001 + i}_lab.zip`, fixture));
  const zip = path.join(work, "class.zip");
  await writeCanvasExport(zip, students);
  const out = path.join(work, "bulk");
  const graded = await timed(() => labgrade(["bulk", zip, "--out", out, "--concurrency", "2"], env));
  const journal = await readJournal(path.join(out, JOURNAL_FILE));
  let right = 0;
  let of = 0;
  const notes: string[] = [];
  for (const [i, fixture] of fixtures.entries()) {
    const row = journal.rows.get(String(1001 + i)) ?? [...journal.rows.values()].find((r) => r.student.includes(String(1001 + i)));
    const got = Object.fromEntries((row?.steps ?? []).map((s) => [s.id, s.status]));
    const result = compare(await expectedOf(fixture), got);
    right += result.right;
    of += result.of;
    if (result.note) notes.push(`${fixture}: ${result.note}`);
  }
  rows.push({ engine: name, what: `bulk (${fixtures.length} fixtures, 2 at once)`, right, of, seconds: graded.seconds, note: notes.join("; ") || (graded.value.exitCode === 0 ? "" : `exit ${graded.value.exitCode}`) });
}

function table(): string {
  const lines = ["| engine × store | walk / fixture | verdicts right | seconds | note |", "|---|---|---|---|---|"];
  for (const r of rows) lines.push(`| ${r.engine} | ${r.what} | ${r.right}/${r.of} | ${r.seconds.toFixed(1)} | ${r.note.replace(/\|/g, "\\|")} |`);
  return lines.join("\n") + "\n";
}

const began = Date.now();
if ((process.getuid?.() ?? 1) !== 0) throw new Error("the engine matrix needs root (network namespaces, mounts, cgroups)");
await ensureEngines(kinds);
for (const kind of kinds) {
  await onEngine(kind).catch((error: unknown) => {
    rows.push({ engine: kindName(kind), what: "the engine's run", right: 0, of: 1, seconds: 0, note: `failed: ${(error as Error).message.split("\n")[0]}` });
  });
}
const out = table() + `\nWhole run: ${((Date.now() - began) / 60_000).toFixed(1)} min.\n`;
process.stdout.write(out);
if (values.table) await writeFile(values.table, out);
process.exitCode = rows.every((r) => r.right === r.of) ? 0 : 1;
