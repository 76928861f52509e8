import { labFolder } from "../labfile/index.ts";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { execa, type ResultPromise } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import { LABEL_RUN } from "../docker/labels.ts";
import { HarnessError } from "../errors.ts";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { listClass } from "../intake/list-class.ts";
import { openGrader } from "../pipeline/grader.ts";
import { DEFAULT_STEPS, handoutLab } from "../../testing/lab/lab-steps.ts";
import { type AppBuilder, DEFAULT_SANDBOX } from "../runners/app-runner.ts";
import { type ClassStudent, fixtureStudent, handoutWithoutEvidence, writeCanvasExport } from "../../testing/class-export.ts";
import { testEngine } from "../../testing/engine.ts";
import { handoutFixture } from "../../testing/fixtures.ts";
import { leftByPids, NO_LEFTOVERS } from "../../testing/run-leftovers.ts";
import { runCli } from "../../testing/run-cli.ts";
import { gradeClass, type ClassEvent } from "./grade-class.ts";
import { JOURNAL_FILE, readJournal } from "./journal.ts";
import { OUTPUT_LOCK_FILE } from "./output-lock.ts";

// Several labgrade processes at once on one engine and one machine, as an instructor running shards side by
// side, a student with `watch` open running `npm test`, or CI grading two pushes would have them. A small
// class: the handout's app twice (built once), two students' mistakes. Shard 1/2 holds 2002, 2/2 the others.
const CLASS: Record<string, ClassStudent> = {
  "2001": fixtureStudent("adamsann_2001_6001_lab.zip", "reference"),
  "2002": fixtureStudent("bakerbob_2002_6002_lab.zip", "curly-quotes"),
  "2003": fixtureStudent("clarkcat_2003_6003_lab.zip", "no-pip-line"),
  "2004": handoutWithoutEvidence("davisdan_2004"),
};

type Row = Record<string, string>;
const BIN = path.resolve("bin/labgrade.js");
let root: string;
let exportZip: string;
/** The gradebook of one uninterrupted run on its own folder: what every other way of grading must equal. */
let lone: Row[] | undefined;
const out = (name: string) => path.join(root, name);
const gradebook = async (dir: string): Promise<Row[]> => parse(await readFile(path.join(dir, "gradebook.csv"), "utf8"), { columns: true, bom: true }) as Row[];
const bulkArgs = (outDir: string, ...more: string[]) => ["bulk", exportZip, "--out", outDir, "--concurrency", "2", "--timeout", "20", ...more];
// A labgrade process of its own (its own process group when detached), to be awaited or killed.
const start = (args: string[], options: { detached?: boolean; env?: NodeJS.ProcessEnv } = {}): ResultPromise =>
  execa("node", [BIN, ...args], { reject: false, all: true, env: { FORCE_COLOR: "0", ...options.env }, detached: Boolean(options.detached), timeout: 480_000 });
const journalLines = async (dir: string) => (await readFile(path.join(dir, JOURNAL_FILE), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { student: string; status: string });

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 240_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// Every student has the verdicts their work and evidence call for.
async function expectVerdicts(dir: string): Promise<void> {
  const { rows } = await readJournal(path.join(dir, JOURNAL_FILE));
  for (const [id, s] of Object.entries(CLASS)) {
    const row = rows.get(id);
    expect(row?.status, `${id}: ${row?.reason}`).toBe("graded");
    expect(Object.fromEntries(row!.steps.map((step) => [step.id, step.status])), id).toEqual(s.expected);
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "runs-at-once-docker-test-"));
  exportZip = path.join(root, "canvas-export.zip");
  await writeCanvasExport(exportZip, Object.values(CLASS));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("two labgrade bulk runs on one --out", () => {
  it("refuses the second while the first writes (exit 3, naming it); the first's gradebook is right; a --wait run after it builds nothing", async () => {
    const dir = out("class");
    const first = start(bulkArgs(dir));
    await until("the first run's lock", () => existsSync(path.join(dir, OUTPUT_LOCK_FILE)));
    const second = await runCli(bulkArgs(dir));
    expect(second.exitCode, second.stderr).toBe(3);
    expect(second.stderr).toMatch(new RegExp(`another labgrade bulk \\(pid ${first.pid}, started [0-9T:.-]+Z\\) is writing to ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}; wait for it or stop it`));
    const waiter = start(bulkArgs(dir, "--wait"));
    const done = await first;
    expect(done.exitCode, String(done.all)).toBe(0);
    await expectVerdicts(dir);
    lone = await gradebook(dir);
    expect(lone.map((r) => [r.student, r.status])).toEqual(Object.keys(CLASS).map((id) => [id, "graded"]));
    const waited = await waiter;
    expect(waited.exitCode, String(waited.all)).toBe(0);
    expect(String(waited.all)).toMatch(/waiting: labgrade bulk \(pid \d+/);
    expect(String(waited.all)).toContain("Nothing to grade: all 4 students were graded before with the same work");
    expect(await gradebook(dir)).toEqual(lone);
    // One row a student: the refused run wrote nothing, the waiting one reused every row.
    expect((await journalLines(dir)).map((r) => r.student).sort()).toEqual(Object.keys(CLASS));
    expect(existsSync(path.join(dir, OUTPUT_LOCK_FILE))).toBe(false);
    expect(await leftByPids([first.pid, waiter.pid])).toEqual(NO_LEFTOVERS);
  });
});

describe("shards 1/2 and 2/2 at once on one engine", () => {
  it("merge into the gradebook of one unsharded run", async () => {
    if (!lone) throw new Error("the unsharded run above did not finish");
    const shards = [start(bulkArgs(out("shard-1"), "--shard", "1/2")), start(bulkArgs(out("shard-2"), "--shard", "2/2"))];
    const results = await Promise.all(shards);
    for (const r of results) expect(r.exitCode, String(r.all)).toBe(0);
    const merged = await runCli(["merge", out("shard-1"), out("shard-2"), "--out", out("merged")]);
    expect(merged.exitCode, merged.stderr).toBe(0);
    expect(await gradebook(out("merged"))).toEqual(lone);
    expect(await leftByPids(shards.map((s) => s.pid))).toEqual(NO_LEFTOVERS);
  });
});

describe("grade, watch --once and bulk at once on one engine", () => {
  it("each finishes with every step judged, and none leaves anything behind", async () => {
    if (!lone) throw new Error("the unsharded run above did not finish");
    const folder = (name: string) => path.join(root, name);
    await cp(handoutFixture("reference"), folder("grade-me"), { recursive: true });
    await cp(path.join(labFolder(handoutLab), "walks", "full-walk", "evidence.json"), path.join(folder("grade-me"), "evidence.json"));
    await cp(handoutFixture("curly-quotes"), folder("watch-me"), { recursive: true });
    const env = { LABGRADE_CACHE_DIR: folder("cache") };
    const runs = [start(["grade", folder("grade-me"), "--out", folder("grade-out"), "--timeout", "20"], { env }), start(["watch", folder("watch-me"), "--once", "--timeout", "20"], { env }), start(bulkArgs(out("beside")), { env })];
    const [graded, watched, bulk] = await Promise.all(runs);
    expect(graded!.exitCode, String(graded!.all)).toBe(0);
    expect(JSON.parse(await readFile(path.join(folder("grade-out"), "results.json"), "utf8"))).toMatchObject({ score: 100 });
    expect(watched!.exitCode, String(watched!.all)).toBe(0);
    expect(String(watched!.all)).not.toMatch(/could not judge/);
    expect(bulk!.exitCode, String(bulk!.all)).toBe(0);
    expect(await gradebook(out("beside"))).toEqual(lone);
    expect(await leftByPids(runs.map((r) => r.pid))).toEqual(NO_LEFTOVERS);
  });
});

describe("a retry after a first attempt that failed", () => {
  it("grades the student from a fresh copy of the hand-in, as if the first attempt had not happened", async () => {
    const small = path.join(root, "two.zip");
    await writeCanvasExport(small, [CLASS["2001"]!, CLASS["2002"]!]);
    const dir = out("retried");
    const grader = await openGrader({ config: readConfig(), lab: handoutLab, steps: DEFAULT_STEPS, sandbox: { ...DEFAULT_SANDBOX, timeoutMs: 20_000 }, buildTimeoutMs: 300_000, appConcurrency: 1 });
    const events: ClassEvent[] = [];
    try {
      const inner = grader.builder!;
      let attempts = 0;
      // The first build is stopped a second in (a real cancelled build on the engine), and the folder it was
      // building from is removed, as another run's start-up once removed it; then it fails as the engine would.
      const builder: AppBuilder = {
        build: async (req) => {
          if (attempts++ > 0) return inner.build(req);
          const stop = AbortSignal.timeout(1_000);
          await inner.build({ ...req, signal: req.signal ? AbortSignal.any([req.signal, stop]) : stop }).catch(() => undefined);
          await rm(path.join(dir, ".work"), { recursive: true, force: true });
          throw new HarnessError("ENGINE_FAILED", "the first attempt was failed on purpose");
        },
      };
      const rows = await gradeClass({
        exportPath: small, listing: await listClass(small), outDir: dir, grader: { ...grader, builder }, concurrency: 1, limits: DEFAULT_LIMITS,
        force: false, retries: 2, gradeTimeoutMs: 600_000, signal: new AbortController().signal, onEvent: (e) => events.push(e),
      });
      // The builder's failure is the grade's error step ("a step could not be judged"): tried once more.
      expect(events.filter((e) => e.type === "retrying")).toEqual([expect.objectContaining({ student: "2001", attempt: 2 })]);
      expect(rows.map((r) => [r.student, r.status, r.reason])).toEqual([["2001", "graded", null], ["2002", "graded", null]]);
      for (const row of rows) expect(Object.fromEntries(row.steps.map((s) => [s.id, s.status])), row.student).toEqual(CLASS[row.student]!.expected);
    } finally {
      await grader.close();
    }
    const { docker } = await testEngine();
    const filters = { label: [`${LABEL_RUN}=${grader.run.id}`] };
    expect([(await docker.listContainers({ all: true, filters })).length, (await docker.listImages({ filters })).length]).toEqual([0, 0]);
    expect(await leftByPids([process.pid])).toEqual(NO_LEFTOVERS);
  });
});

describe("kill -9 of a bulk run's whole process group mid-class", () => {
  it("a rerun gives the gradebook of an uninterrupted run, grading again nothing that was finished; a second rerun builds nothing", async () => {
    if (!lone) throw new Error("the unsharded run above did not finish");
    const dir = out("killed");
    const victim = start(bulkArgs(dir, "--concurrency", "1"), { detached: true });
    let finished: string[] = [];
    await until("a first student in the journal", async () => (finished = [...(await readJournal(path.join(dir, JOURNAL_FILE))).rows.keys()]).length >= 1);
    process.kill(-victim.pid!, "SIGKILL");
    await victim;
    expect(finished.length).toBeLessThan(4);
    const rerun = start(bulkArgs(dir));
    const again = await rerun;
    expect(again.exitCode, String(again.all)).toBe(0);
    expect(await gradebook(dir)).toEqual(lone);
    const lines = (await journalLines(dir)).map((r) => r.student);
    for (const student of finished) expect(lines.filter((s) => s === student), student).toHaveLength(1);
    const second = start(bulkArgs(dir));
    const noop = await second;
    expect(noop.exitCode, String(noop.all)).toBe(0);
    expect(String(noop.all)).toContain("Nothing to grade: all 4 students were graded before with the same work");
    // Every row from the journal: no grade was started, so no app was built or run.
    expect(String(noop.all).match(/\(journal\)/g)).toHaveLength(4);
    expect(await gradebook(dir)).toEqual(lone);
    expect(await leftByPids([victim.pid, rerun.pid, second.pid])).toEqual(NO_LEFTOVERS);
  });
});
