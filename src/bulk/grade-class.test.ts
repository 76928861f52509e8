import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HarnessError } from "../errors.ts";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { listClass } from "../intake/list-class.ts";
import type { ClassRow } from "../model/class-row.ts";
import { HANDOUT_FILES } from "../../testing/lab/lab-steps.ts";
import type { AppBuilder, AppRunner } from "../runners/app-runner.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { handoutWalk } from "../../testing/fixtures.ts";
import { gradeClass, type ClassEvent, type ClassJob } from "./grade-class.ts";
import { JOURNAL_FILE, readJournal } from "./journal.ts";

const WALK = path.join(handoutWalk("full-walk"), "evidence.json");
let root: string;
let classDir: string;
let outDir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "grade-class-test-"));
  classDir = path.join(root, "class");
  outDir = path.join(root, "out");
});
afterEach(() => rm(root, { recursive: true, force: true }));

// A student folder: the handout's app (or another app.py), with the recorded walk's evidence unless told not to.
async function student(name: string, { app = HANDOUT_FILES["app.py"]!, evidence = true } = {}): Promise<void> {
  const dir = path.join(classDir, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "app.py"), app);
  await writeFile(path.join(dir, "Dockerfile"), HANDOUT_FILES.Dockerfile!);
  if (evidence) await copyFile(WALK, path.join(dir, "evidence.json"));
}

const counting = () => {
  const built: string[] = [];
  const builder: AppBuilder = { build: async (req) => (built.push(req.appDir), { ok: true, log: "", durationMs: 1 }) };
  return { built, builder };
};
const quickRunner: AppRunner = { run: async () => okRun() };

async function job(builder: AppBuilder, runner: AppRunner, extra: Partial<ClassJob> = {}): Promise<ClassJob> {
  return {
    exportPath: classDir, listing: await listClass(classDir), outDir, grader: fakeGrader(builder, runner), concurrency: 2, limits: DEFAULT_LIMITS,
    force: false, retries: 2, gradeTimeoutMs: 30_000, signal: new AbortController().signal, ...extra,
  };
}
const byStudent = (rows: ClassRow[]) => Object.fromEntries(rows.map((r) => [r.student, r]));

describe("gradeClass", () => {
  it("judges each student from their own evidence, and one without evidence.json fails the engine steps, never from this engine", async () => {
    await student("alice");
    await student("bob", { evidence: false });
    const { builder } = counting();
    const rows = byStudent(await gradeClass(await job(builder, quickRunner)));
    expect(rows.alice).toMatchObject({ status: "graded", score: 100 });
    const bobEngine = rows.bob!.steps.filter((s) => ["docker-engine", "hello-world-ran", "mycontainer-created", "python-image-removed"].includes(s.id));
    expect(bobEngine.map((s) => s.status)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(bobEngine[0]!.message).toMatch(/No evidence\.json was handed in/);
    expect(rows.bob!.steps.find((s) => s.id === "pythonapp-output")?.status).toBe("passed");
  });

  it("builds two identical app folders once, and says which student reused the build", async () => {
    await student("alice");
    await student("bob");
    await student("carol", { app: HANDOUT_FILES["app.py"]!.replace("Square'", "Squares'") });
    const { built, builder } = counting();
    const events: ClassEvent[] = [];
    await gradeClass(await job(builder, quickRunner, { concurrency: 1, onEvent: (e) => events.push(e) }));
    expect(built).toHaveLength(2);
    expect(events.filter((e) => e.type === "finished" && e.reused === "app")).toHaveLength(1);
  });

  it("finishes the others while one app hangs to its limit", async () => {
    for (const name of ["a-hangs", "b", "c", "d", "e", "f"]) await student(name, { app: name === "a-hangs" ? "while True: pass\n" : `${HANDOUT_FILES["app.py"]}# ${name}\n` });
    // The hanging student's build is tagged; its run takes until its (short, faked) time limit.
    const hanging = new Set<string>();
    const { builder } = counting();
    const tagging: AppBuilder = { build: async (req) => (req.appDir.includes("a-hangs") && hanging.add(req.tag), builder.build(req)) };
    const hangingRunner: AppRunner = {
      run: async (req) => {
        if (!hanging.has(req.image)) return okRun();
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        return okRun({ exitCode: null, timedOut: true, stdout: "" });
      },
    };
    const order: string[] = [];
    const started = Date.now();
    const rows = await gradeClass(await job(tagging, hangingRunner, { onEvent: (e) => e.type === "finished" && order.push(`${e.row.student}@${Date.now() - started}`) }));
    expect(order.at(-1)).toMatch(/^a-hangs@/);
    const othersDone = Math.max(...order.slice(0, -1).map((o) => Number(o.split("@")[1])));
    expect(othersDone).toBeLessThan(1_400);
    expect(byStudent(rows)["a-hangs"]!.steps.find((s) => s.id === "pythonapp-output")?.status).toBe("failed");
  });

  it("tries a harness failure again, and reports one that persists as an error with no total, never zero", async () => {
    await student("flaky");
    await student("broken", { app: "print('broken')\n" });
    let flakyCalls = 0;
    const builder: AppBuilder = {
      build: async (req) => {
        if (req.appDir.includes("broken")) throw new HarnessError("ENGINE_FAILED", "the engine went away");
        if (flakyCalls++ < 2) throw new HarnessError("ENGINE_FAILED", "a hiccup");
        return { ok: true, log: "", durationMs: 1 };
      },
    };
    const events: ClassEvent[] = [];
    const rows = byStudent(await gradeClass(await job(builder, quickRunner, { concurrency: 1, onEvent: (e) => events.push(e) })));
    expect(rows.flaky).toMatchObject({ status: "graded", score: 100 });
    expect(rows.broken).toMatchObject({ status: "error", score: null });
    expect(rows.broken!.reason).toMatch(/the engine went away/);
    expect(events.filter((e) => e.type === "retrying" && e.student === "broken")).toHaveLength(2);
  });

  it("resumes from the journal: a rerun grades only what changed", async () => {
    await student("alice");
    await student("bob", { app: `${HANDOUT_FILES["app.py"]}# bob\n` });
    const first = counting();
    await gradeClass(await job(first.builder, quickRunner));
    expect(first.built).toHaveLength(2);
    const again = counting();
    const events: ClassEvent[] = [];
    await gradeClass(await job(again.builder, quickRunner, { onEvent: (e) => events.push(e) }));
    expect(again.built).toHaveLength(0);
    expect(events.filter((e) => e.type === "finished").every((e) => e.type === "finished" && e.reused === "journal")).toBe(true);
    await writeFile(path.join(classDir, "bob", "app.py"), `${HANDOUT_FILES["app.py"]}# bob, fixed\n`);
    const third = counting();
    await gradeClass(await job(third.builder, quickRunner));
    expect(third.built.map((d) => path.basename(d))).toEqual(["bob"]);
    const force = counting();
    await gradeClass(await job(force.builder, quickRunner, { force: true }));
    expect(force.built).toHaveLength(2);
  });

  it("stops on cancel with a journal of whole rows, and the rerun finishes without regrading the finished", async () => {
    for (const name of ["a", "b", "c", "d"]) await student(name, { app: `${HANDOUT_FILES["app.py"]}# ${name}\n` });
    const controller = new AbortController();
    const slowRunner: AppRunner = {
      run: async (req) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (req.signal?.aborted) throw new HarnessError("CANCELLED", "stopped");
        return okRun();
      },
    };
    const first = await job(counting().builder, slowRunner, { concurrency: 1, signal: controller.signal, onEvent: (e) => e.type === "finished" && controller.abort(new Error("SIGINT received")) });
    await expect(gradeClass(first)).rejects.toMatchObject({ code: "CANCELLED" });
    const { rows: journal, skipped } = await readJournal(path.join(outDir, JOURNAL_FILE));
    expect(skipped).toBe(0);
    expect([...journal.keys()]).toEqual(["a"]);
    const rerun = counting();
    const rows = await gradeClass(await job(rerun.builder, quickRunner));
    expect(rows.map((r) => r.status)).toEqual(["graded", "graded", "graded", "graded"]);
    expect(rerun.built.map((d) => path.basename(d))).toEqual(["b", "c", "d"]);
    expect((await readFile(path.join(outDir, JOURNAL_FILE), "utf8")).trim().split("\n")).toHaveLength(4);
  });

  it("gives a student whose archive is damaged a rejected row, and grades the others", async () => {
    await student("alice");
    await mkdir(classDir, { recursive: true });
    await writeFile(path.join(classDir, "bob.zip"), Buffer.from("PK\u0003\u0004 this is not really a zip"));
    const rows = byStudent(await gradeClass(await job(counting().builder, quickRunner)));
    expect(rows.alice?.status).toBe("graded");
    expect(rows.bob).toMatchObject({ status: "rejected", score: null, steps: [] });
    expect(rows.bob!.reason).toBeTruthy();
  });

  it("writes each graded student's reports where the row says", async () => {
    await student("alice");
    const [row] = await gradeClass(await job(counting().builder, quickRunner));
    const results = JSON.parse(await readFile(path.join(outDir, row!.reportDir!, "results.json"), "utf8")) as { score: number };
    expect(results.score).toBe(row!.score);
  });

  it("grades a retry from a fresh copy of the hand-in, whatever the failed attempt removed", async () => {
    await student("alice");
    const seen: string[] = [];
    const builder: AppBuilder = {
      build: async (req) => {
        seen.push(await readFile(path.join(req.appDir, "app.py"), "utf8"));
        if (seen.length === 1) {
          // The first attempt fails, and the folder it was graded from is gone (as another run's start-up once removed it).
          await rm(path.join(outDir, ".work"), { recursive: true, force: true });
          throw new HarnessError("ENGINE_FAILED", "the build stream broke");
        }
        return { ok: true, log: "", durationMs: 1 };
      },
    };
    const [row] = await gradeClass(await job(builder, quickRunner));
    expect(row).toMatchObject({ status: "graded", score: 100 });
    expect(seen).toEqual([HANDOUT_FILES["app.py"], HANDOUT_FILES["app.py"]]);
  });

  it("sweeps the extraction folders of runs that are gone, never a live run's", async () => {
    await student("alice");
    const work = path.join(outDir, ".work");
    const live = path.join(work, `${process.ppid}-20261201-live`);
    await mkdir(path.join(live, "bob"), { recursive: true });
    await mkdir(path.join(work, "2147480000-20261201-dead", "carol"), { recursive: true });
    await mkdir(path.join(work, "alice"), { recursive: true }); // an older version's layout
    await gradeClass(await job(counting().builder, quickRunner));
    expect(await readdir(work)).toEqual([path.basename(live)]);
  });

  it("counts a graded row over this run's error on the same work (a forced regrade that failed)", async () => {
    await student("alice");
    await gradeClass(await job(counting().builder, quickRunner));
    const failing: AppBuilder = { build: async () => Promise.reject(new HarnessError("ENGINE_FAILED", "the engine went away")) };
    const [row] = await gradeClass(await job(failing, quickRunner, { force: true, retries: 0 }));
    expect(row).toMatchObject({ status: "graded", score: 100 });
    const { rows } = await readJournal(path.join(outDir, JOURNAL_FILE));
    expect(rows.get("alice")).toMatchObject({ status: "graded" });
  });
});
