import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { parseCanvasName } from "../intake/canvas-name.ts";
import { moodleExportFolder } from "../../testing/intake/class-exports.ts";
import { writeTree } from "../../testing/intake/intake-fixtures.ts";
import { listClass } from "../intake/list-class.ts";
import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { canvasDelimiter, canvasGradebookImport, canvasReuploadMatch, moodleWorksheetImport, moodleZipMatch, readZip, unescapeHtml } from "../../testing/reports/lms-import-rules.ts";
import { studentFeedback } from "../reports/student-feedback.ts";
import { writeClassReports } from "../reports/write-class-reports.ts";
import { writeLmsFiles } from "../reports/write-lms-files.ts";
import { DEFAULT_STEPS } from "../../testing/lab/lab-steps.ts";
import { fixtureStudent, handoutWithoutEvidence, writeCanvasExport } from "../../testing/class-export.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { classReport } from "./class-report.ts";
import { gradeClass } from "./grade-class.ts";

let root: string;
beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "lms-round-trip-"))));
afterAll(() => rm(root, { recursive: true, force: true }));

const builder = { build: async () => ({ ok: true, log: "", durationMs: 1 }) };
const runner = { run: async () => okRun() };

// A class export graded as `labgrade bulk` grades it (the class layer for real; builds and runs stood in for).
async function gradeExport(exportPath: string, outDir: string): Promise<ClassReport> {
  const listing = await listClass(exportPath);
  const rows = await gradeClass({
    exportPath, listing, outDir, grader: fakeGrader(builder, runner), concurrency: 2, limits: DEFAULT_LIMITS, force: false, retries: 0, gradeTimeoutMs: 30_000, signal: new AbortController().signal,
  });
  const report = classReport(rows, DEFAULT_STEPS, { title: "round trip", generatedAt: new Date("2026-12-01T10:00:00Z") });
  await writeClassReports(report, outDir);
  return report;
}

describe("a recorded Canvas export, graded, read back by Canvas's rules", () => {
  const exportZip = () => path.join(root, "canvas.zip");
  const outDir = () => path.join(root, "canvas-out");
  let report: ClassReport;
  beforeAll(async () => {
    await writeCanvasExport(exportZip(), [
      fixtureStudent("aardvarkann_LATE_1001_5001_lab.zip", "reference"),
      fixtureStudent("brownbob_1002_5002_lab.zip", "no-pip-line"),
      fixtureStudent("núñezjosé_1003_5003_lab.zip", "curly-quotes", "never-started"),
      handoutWithoutEvidence("fongfay_1004"),
    ]);
    report = await gradeExport(exportZip(), outDir());
    const result = await writeLmsFiles(report, outDir(), { canvas: { title: "Lab 1: Docker, \"hello\" & plots", id: "12345" } });
    expect(result.failures).toEqual([]);
  });

  it("imports every graded student's score under the assignment's id, keyed by the Canvas user id of the export's names", async () => {
    const csv = await readFile(path.join(outDir(), "canvas-grades.csv"), "utf8");
    expect(canvasDelimiter(csv)).toBe(",");
    const imported = canvasGradebookImport(csv);
    expect(imported.assignments).toEqual([{ column: 5, title: "Lab 1: Docker, \"hello\" & plots", id: "12345", pointsPossible: "100" }]);
    expect([...imported.students.keys()].sort()).toEqual([1001, 1002, 1003, 1004]);
    for (const row of report.rows) expect(imported.students.get(Number(row.student)), row.student).toEqual([String(row.score)]);
    // The grades differ, so a shifted column or a swapped id would show.
    expect(new Set(report.rows.map((r) => r.score)).size).toBeGreaterThan(2);
  });

  it("names each student's one feedback file so that Re-Upload Submissions attaches it to their own submission", async () => {
    const zip = await readZip(await readFile(path.join(outDir(), "canvas-feedback.zip")));
    const listing = await listClass(exportZip());
    const attachments = new Map(listing.submissions.map((s) => [s.student, new Set(s.entries.map((e) => parseCanvasName(e)?.attachment).filter((a): a is string => !!a))]));
    const byStudent = new Map<string, string[]>();
    for (const name of zip.keys()) {
      const match = canvasReuploadMatch(name, attachments);
      expect(match, name).not.toBeNull();
      byStudent.set(match!.student, [...(byStudent.get(match!.student) ?? []), name.replace(/^.*_\d+_\d+_/, "")]);
    }
    expect([...byStudent.keys()].sort()).toEqual(["1001", "1002", "1003", "1004"]);
    // One file: Canvas shows every re-uploaded file under the student's own file's name, so two would look alike.
    for (const files of byStudent.values()) expect(files).toEqual(["labgrade-report.html"]);
    expect([...zip.keys()].find((n) => n.startsWith("aardvarkann_LATE_1001_5001_"))).toBeDefined();
    const gradebook = parse(await readFile(path.join(outDir(), "gradebook.csv"), "utf8"), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(gradebook).toHaveLength(report.rows.length);
    for (const row of report.rows) {
      const html = zip.get([...zip.keys()].find((n) => n.includes(`_${row.student}_`))!)!.toString("utf8");
      expect(html).toBe(await readFile(path.join(outDir(), row.reportDir!, "student-report.html"), "utf8"));
      expect(gradebook.find((g) => g.student === row.student)?.feedback).toBe(studentFeedback(row));
    }
  });
});

describe("a recorded Moodle export, graded, read back by Moodle's rules", () => {
  const outDir = () => path.join(root, "moodle-out");
  let report: ClassReport;
  let exportDir: string;
  beforeAll(async () => {
    exportDir = await moodleExportFolder(path.join(root, "moodle-export"));
    // Names a spreadsheet or a CSV reader could trip on, as Moodle's download writes them (`_` made a space).
    await writeTree(exportDir, {
      "=HYPERLINK(\"x\"), Ann_12_assignsubmission_file/app.py": "print(1)\n",
      "=HYPERLINK(\"x\"), Ann_12_assignsubmission_file/Dockerfile": "FROM python\n",
      "Zoë 学生 @home_13_assignsubmission_file/app.py": "print(1)\n",
    });
    report = await gradeExport(exportDir, outDir());
    const result = await writeLmsFiles(report, outDir(), { moodle: true });
    expect(result.failures).toEqual([]);
  });

  it("imports every participant's grade and the same feedback words", async () => {
    const imported = moodleWorksheetImport(await readFile(path.join(outDir(), "moodle-grades.csv"), "utf8"));
    expect(imported.map((r) => r.participant).sort()).toEqual(["12", "13", "77", "88", "91"]);
    for (const row of report.rows) {
      const line = imported.find((r) => r.participant === row.student)!;
      expect(line.grade, row.student).toBe(row.score);
      expect(Number.isNaN(line.modified)).toBe(false);
      expect(unescapeHtml(line.feedback!)).toBe(studentFeedback(row));
    }
  });

  it("keeps every name as it was, a formula only behind a '", async () => {
    const text = await readFile(path.join(outDir(), "moodle-grades.csv"), "utf8");
    const records = parse(text, { bom: true }) as string[][];
    const names = records.slice(1).map((r) => r[1]!);
    expect(names).toContain("'=HYPERLINK(\"x\"), Ann");
    expect(names).toContain("Zoë 学生 @home");
    for (const r of records) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("puts each report in a folder Moodle's feedback zip import reads as that participant's", async () => {
    const zip = await readZip(await readFile(path.join(outDir(), "moodle-feedback.zip")));
    const participants = new Set(report.rows.map((r) => r.student));
    const matched = [...zip.keys()].map((name) => moodleZipMatch(name, participants));
    expect(matched.every((m) => m !== null), [...zip.keys()].join(", ")).toBe(true);
    expect(matched.map((m) => m!.participant).sort()).toEqual(["12", "13", "77", "88", "91"]);
    expect(new Set(matched.map((m) => m!.file))).toEqual(new Set(["/labgrade-report.html"]));
    // José María_O'Neil-Smith's `_` would have split the folder at the wrong place.
    expect([...zip.keys()]).toContain("José María O'Neil-Smith_88_assignsubmission_file/labgrade-report.html");
  });
});

describe("an export that gives no LMS ids", () => {
  it("gets no Canvas or Moodle file, and a message that names the file and the missing id", async () => {
    const plain = await writeTree(path.join(root, "plain"), { "alice/app.py": "print(1)\n", "bob/app.py": "print(2)\n" });
    const report = await gradeExport(plain, path.join(root, "plain-out"));
    const { lmsRefusal } = await import("../reports/write-lms-files.ts");
    expect(lmsRefusal(report, "canvas")).toMatch(/^Cannot write canvas-grades\.csv or canvas-feedback\.zip: Canvas's gradebook import finds each student by the Canvas user id/);
    expect(lmsRefusal(report, "moodle")).toMatch(/^Cannot write moodle-grades\.csv or moodle-feedback\.zip: .*"Participant <id>"/);
    await mkdir(path.join(root, "plain-out"), { recursive: true });
    const rows: ClassReportRow[] = report.rows;
    expect(rows.every((r) => r.identity === undefined)).toBe(true);
  });
});
