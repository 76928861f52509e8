import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { listClass } from "../intake/list-class.ts";
import type { GradeReport } from "../lab/result.ts";
import { DEFAULT_STEPS, ENGINE_STEP_IDS, HANDOUT_FILES, handoutLab } from "../../testing/lab/lab-steps.ts";
import type { ClassRow } from "../model/class-row.ts";
import { EVIDENCE_REVIEWED } from "../reports/evidence-words.ts";
import type { AppBuilder, AppRunner } from "../runners/app-runner.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { FIXTURES } from "../../testing/fixtures.ts";
import { classReport } from "./class-report.ts";
import { writeClassTrustToStudents } from "./class-student-reports.ts";
import { gradeClass } from "./grade-class.ts";

// ben handed in ana's evidence with every id, path and time rewritten: alone each file is collected; compared, the
// class's reasons (the same run's intervals, the same RUN layer) make both suspicious. Those reasons doubt the steps
// that read containers, logs and images, not docker-engine.
const CASE = path.join(FIXTURES, "evidence-v2/class/copy-rewritten");
const CONTAINER_AND_IMAGE_STEPS = ["hello-world-ran", "mycontainer-created", "mycontainer-started", "hello-world-removed", "pythonapp-image", "python-image-removed"];

let root: string;
let rows: ClassRow[];
const builder: AppBuilder = { build: async () => ({ ok: true, log: "", durationMs: 1 }) };
const runner: AppRunner = { run: async () => okRun() };
const out = () => path.join(root, "out");

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "class-student-reports-"));
  for (const student of ["ana", "ben"]) {
    const dir = path.join(root, "class", student);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "app.py"), HANDOUT_FILES["app.py"]!);
    await writeFile(path.join(dir, "Dockerfile"), HANDOUT_FILES.Dockerfile!);
    await copyFile(path.join(CASE, student, "evidence.json"), path.join(dir, "evidence.json"));
  }
  const classDir = path.join(root, "class");
  rows = await gradeClass({
    exportPath: classDir, listing: await listClass(classDir), outDir: out(), grader: fakeGrader(builder, runner), concurrency: 2, limits: DEFAULT_LIMITS,
    force: false, retries: 0, gradeTimeoutMs: 30_000, signal: new AbortController().signal, trust: {},
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

const read = (student: string, file: string) => readFile(path.join(out(), "students", student, file), "utf8");

describe("the class's reasons in each student's reports", () => {
  it("each file alone is collected; compared, both are suspicious with the class's reasons", () => {
    expect(rows.map((r) => r.trust?.level)).toEqual(["collected", "collected"]);
    const report = classReport(rows, DEFAULT_STEPS, { title: "t", generatedAt: new Date() });
    for (const row of report.rows) expect([row.trust?.level, [...new Set(row.trust?.reasons.map((r) => r.code))].sort()]).toEqual(["suspicious", ["class-same-rw-layer", "class-same-timing", "class-shared-layer"]]);
  });

  it("writes the student's reports again once the class is compared: the reasons, the steps in doubt, and the student's copy says it will be reviewed", async () => {
    expect(await read("ben", "report.html")).not.toContain("class-same-timing");
    expect(await read("ben", "student-report.html")).not.toContain(EVIDENCE_REVIEWED);
    const result = await writeClassTrustToStudents(classReport(rows, DEFAULT_STEPS, { title: "t", generatedAt: new Date() }), out(), handoutLab.steps);
    expect(result.failures).toEqual([]);
    const html = await read("ben", "report.html");
    expect(html).toContain("class-same-timing");
    expect(html).toContain("Evidence: suspicious");
    expect(html).toContain(`In doubt: ${CONTAINER_AND_IMAGE_STEPS.join(", ")}.`);
    expect(await read("ben", "student-report.html")).toContain(EVIDENCE_REVIEWED);
    expect(await read("ben", "student-report.html")).not.toContain("class-same-timing");
    const results = JSON.parse(await read("ben", "results.json")) as { extra_data: { trust: { level: string } } };
    expect(results.extra_data.trust.level).toBe("suspicious");
    // The grade file keeps the student's own trust: the next comparison starts again from it.
    const grade = JSON.parse(await read("ben", "grade-report.json")) as GradeReport;
    expect(grade.trust).toEqual({ level: "collected", reasons: [] });
  });

  it("--suspicious review and zero act on the steps in doubt only", () => {
    const review = classReport(rows, DEFAULT_STEPS, { title: "t", generatedAt: new Date(), suspicious: "review" }).rows[1]!;
    expect(review.status).toBe("review");
    expect(review.steps.filter((s) => s.held === "review").map((s) => s.id)).toEqual(CONTAINER_AND_IMAGE_STEPS);
    const zero = classReport(rows, DEFAULT_STEPS, { title: "t", generatedAt: new Date(), suspicious: "zero" }).rows[1]!;
    expect(zero.steps.find((s) => s.id === "docker-engine")).toMatchObject({ points: 10 });
    expect(zero.steps.filter((s) => s.held === "zero").map((s) => s.id)).toEqual(CONTAINER_AND_IMAGE_STEPS);
    expect(zero.steps.filter((s) => ENGINE_STEP_IDS.includes(s.id) && !s.held).map((s) => s.id)).toEqual(["docker-engine"]);
  });
});
