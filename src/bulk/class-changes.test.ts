import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { listClass } from "../intake/list-class.ts";
import { JOURNAL_SCHEMA, type ClassRow } from "../model/class-row.ts";
import { renderChangesCsv } from "../reports/class-changes-csv.ts";
import { renderClassSummary } from "../reports/class-summary-html.ts";
import { writeClassReports } from "../reports/write-class-reports.ts";
import { parseRubric } from "../lab/rubric-file.ts";
import { DEFAULT_STEPS, type Step, handoutLab } from "../../testing/lab/lab-steps.ts";
import { fixtureStudent, handoutWithoutEvidence, writeCanvasExport } from "../../testing/class-export.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { compareClasses } from "./class-changes.ts";
import { classReport } from "./class-report.ts";
import { gradeClass } from "./grade-class.ts";
import { JOURNAL_FILE, readJournal } from "./journal.ts";

type Step2 = ClassRow["steps"][number];
const step = (id: Step2["id"], status: Step2["status"], points: number, maxPoints: number, message = `${id} ${status}`): Step2 => ({ id, title: id, status, points, maxPoints, message });
const row = (student: string, fields: Partial<ClassRow>): ClassRow => ({
  schema: JOURNAL_SCHEMA, student, name: student, entry: `${student}.zip`, late: false, status: "graded", reason: null, steps: [], score: 0, maxScore: 20,
  reportDir: null, plot: null, signals: { containerIds: [], contentHash: "", handout: false }, key: "", gradedAt: "2026-12-01T00:00:00.000Z", ...fields,
});

describe("compareClasses", () => {
  const before = [
    row("alice", { score: 20, steps: [step("docker-engine", "passed", 10, 10), step("pythonapp-plot", "passed", 10, 10)], rubric: "sha256:old", labgrade: "0.1.0" }),
    row("bob", { score: 10, steps: [step("docker-engine", "passed", 10, 10), step("pythonapp-plot", "failed", 0, 10, "Expected a title")] }),
    row("carol", { score: 20, steps: [step("docker-engine", "passed", 10, 10), step("pythonapp-plot", "passed", 10, 10)] }),
    row("dave", { score: 10, steps: [step("docker-engine", "passed", 10, 10)] }),
    row("erin", { score: 5 }),
  ];
  const after = [
    row("alice", { score: 10, steps: [step("docker-engine", "passed", 10, 10), step("pythonapp-plot", "failed", 0, 10, "Expected the handout's labels")], rubric: "sha256:new", labgrade: "0.2.0" }),
    row("bob", { score: 20, steps: [step("docker-engine", "passed", 10, 10), step("pythonapp-plot", "passed", 10, 10)] }),
    before[2]!,
    row("dave", { status: "error", score: null, reason: "engine went away" }),
    row("zed", { score: 20 }),
  ];
  const changes = compareClasses(before, after, "out-autumn");

  it("lists who moved, a grade gone (an error) or down first, each changed step with both messages", () => {
    expect(changes.compared).toBe(4);
    expect(changes.students.map((c) => [c.student, c.before.score, c.after.score])).toEqual([["dave", 10, null], ["alice", 20, 10], ["bob", 10, 20]]);
    expect(changes.students[1]!.steps).toEqual([
      { id: "pythonapp-plot", title: "pythonapp-plot", before: { status: "passed", points: 10, maxPoints: 10, message: "pythonapp-plot passed" }, after: { status: "failed", points: 0, maxPoints: 10, message: "Expected the handout's labels" } },
    ]);
    expect(changes.students[0]!.steps.map((s) => [s.id, s.before?.status, s.after])).toEqual([["docker-engine", "passed", null]]);
  });

  it("writes changes.csv a line per changed step, with the rubric and version on each side", () => {
    const records = parse(renderChangesCsv(changes), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(records.map((r) => [r.student, r.change, r.step])).toEqual([["dave", "", "docker-engine"], ["alice", "-10", "pythonapp-plot"], ["bob", "10", "pythonapp-plot"]]);
    expect(records[1]).toMatchObject({ old_total: "20", new_total: "10", old_verdict: "passed", new_verdict: "failed", old_message: "pythonapp-plot passed", new_message: "Expected the handout's labels", old_rubric: "sha256:old", new_rubric: "sha256:new", old_labgrade: "0.1.0", new_labgrade: "0.2.0" });
  });
});

describe("a regrade after one step's points change in the rubric", () => {
  let root: string;
  let before: ClassRow[];
  let after: ClassRow[];
  let steps: Step[];
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "regrade-"));
    const exportZip = path.join(root, "canvas.zip");
    await writeCanvasExport(exportZip, [
      fixtureStudent("aardvarkann_1001_5001_lab.zip", "reference"),
      fixtureStudent("brownbob_1002_5002_lab.zip", "no-pip-line"),
      handoutWithoutEvidence("chencarol_1003"),
    ]);
    const outDir = path.join(root, "out");
    const listing = await listClass(exportZip);
    const base = fakeGrader({ build: async () => ({ ok: true, log: "", durationMs: 1 }) }, { run: async () => okRun() });
    const job = { exportPath: exportZip, listing, outDir, concurrency: 2, limits: DEFAULT_LIMITS, retries: 0, gradeTimeoutMs: 30_000, signal: new AbortController().signal };
    await gradeClass({ ...job, grader: base, force: false });
    before = [...(await readJournal(path.join(outDir, JOURNAL_FILE))).rows.values()];
    steps = parseRubric(JSON.stringify({ points: { "docker-engine": 20 } }), "rubric.json", handoutLab);
    after = await gradeClass({ ...job, grader: { ...base, options: { ...base.options, steps } }, force: true });
    const report = { ...classReport(after, steps, { title: "regrade", generatedAt: new Date("2026-12-02T00:00:00Z") }), changes: compareClasses(before, after, "out (before the rubric change)") };
    await writeClassReports(report, outDir);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("shows each student's old and new total and the step whose points changed, with both rubric digests", async () => {
    const changes = compareClasses(before, after, "out");
    expect(changes.students).toHaveLength(3);
    for (const c of changes.students) {
      expect(c.steps.map((s) => [s.id, s.before?.maxPoints, s.after?.maxPoints])).toEqual([["docker-engine", 10, 20]]);
      expect(c.after.score! - c.before.score!).toBe(c.steps[0]!.after!.points - c.steps[0]!.before!.points);
      expect(c.before.rubric).not.toBe(c.after.rubric);
    }
    const csv = await readFile(path.join(root, "out", "changes.csv"), "utf8");
    const records = parse(csv, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(records.map((r) => r.step)).toEqual(["docker-engine", "docker-engine", "docker-engine"]);
    // The student without evidence failed the step both times: no points moved, only what it was worth.
    expect(records.map((r) => [r.student, r.old_total, r.new_total, r.old_points, r.new_points])).toEqual([
      ["1001", "100", "110", "10", "20"], ["1002", "95", "105", "10", "20"], ["1003", "40", "40", "0", "0"],
    ]);
    const summary = await readFile(path.join(root, "out", "summary.html"), "utf8");
    expect(summary).toContain("<h2>Changes</h2>");
    expect(summary).toContain("3 of 3 students graded both times changed");
    expect(renderClassSummary(classReport(after, steps, { title: "x", generatedAt: new Date() }))).not.toContain("<h2>Changes</h2>");
    expect(DEFAULT_STEPS.find((s) => s.id === "docker-engine")?.points).toBe(10);
    process.stdout.write(`sample changes.csv:\n${csv}`);
  });
});
