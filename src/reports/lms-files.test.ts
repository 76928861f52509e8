import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { canvasFeedbackEntries } from "./canvas-feedback.ts";
import { parseCanvasAssignment } from "./canvas-assignment.ts";
import { renderCanvasGrades } from "./canvas-grades.ts";
import { lmsGrades } from "./lms-grades.ts";
import { sampleClassReport } from "../../testing/reports/class-sample-report.ts";
import { canvasGradebookImport, moodleWorksheetImport, unescapeHtml } from "../../testing/reports/lms-import-rules.ts";
import { moodleFolder } from "./moodle-feedback.ts";
import { renderMoodleGrades } from "./moodle-grades.ts";
import { studentFeedback } from "./student-feedback.ts";

// Names as people have them, and as a spreadsheet would run them.
const NAMES = ["Doe, Jane \"JJ\"", "Zoë 学生 Ødegård", "=cmd|' /C calc'!A0", "+1 555", "-2+3", "@SUM(A1)", "back\\\"slash"];

function hostileClass(lms: "canvas" | "moodle"): ClassReport {
  const report = sampleClassReport();
  const [alice] = report.rows;
  const rows: ClassReportRow[] = NAMES.map((name, i) => ({
    ...alice!,
    student: String(100 + i),
    name,
    entry: "",
    score: 40 + i + 0.5,
    identity: lms === "canvas" ? { lms, userId: String(100 + i), anonymousId: null, attachmentId: String(900 + i), prefix: `name${i}` } : { lms, participantId: String(100 + i), fullName: name },
  }));
  return { ...report, rows };
}

// A spreadsheet's ' in front of a formula is the only change a name may undergo.
const unguard = (cell: string): string => cell.replace(/^'(?=[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20])/, "");

describe("names with commas, quotes, non-ASCII letters and leading = + - @", () => {
  it("round-trip through canvas-grades.csv, and no cell starts a formula", () => {
    const csv = renderCanvasGrades(lmsGrades(hostileClass("canvas"), "canvas", {}), { title: "=Lab, \"1\"", id: "777" });
    const records = parse(csv, { bom: true }) as string[][];
    expect(records.slice(2).map((r) => unguard(r[0]!))).toEqual(NAMES);
    for (const r of records) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    const imported = canvasGradebookImport(csv);
    expect(imported.assignments[0]).toMatchObject({ id: "777", pointsPossible: "45" });
    expect([...imported.students.entries()]).toEqual(NAMES.map((_, i) => [100 + i, [String(40 + i + 0.5)]]));
  });

  it("round-trip through moodle-grades.csv, where PHP's fgetcsv would stop at \\\" inside a quoted cell", () => {
    const csv = renderMoodleGrades(lmsGrades(hostileClass("moodle"), "moodle", {}));
    const records = parse(csv, { bom: true }) as string[][];
    expect(records.slice(1).map((r) => unguard(r[1]!))).toEqual(NAMES.map((n) => n.replace('\\"', '\\ "')));
    expect(csv).not.toContain('\\"');
    for (const r of records) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@]/);
    const imported = moodleWorksheetImport(csv);
    expect(imported.map((r) => [r.participant, r.grade])).toEqual(NAMES.map((_, i) => [String(100 + i), 40 + i + 0.5]));
    expect(unescapeHtml(imported[0]!.feedback!)).toBe(studentFeedback(hostileClass("moodle").rows[0]!));
  });

  it("make Moodle feedback folders the importer splits at the participant id", () => {
    expect(moodleFolder("José María_O'Neil-Smith", "88")).toBe("José María O'Neil-Smith_88_assignsubmission_file");
    expect(moodleFolder("a/b:c*?\"<>|", "1")).toBe("abc_1_assignsubmission_file");
    expect(moodleFolder("", "91")).toBe("Participant_91_assignsubmission_file");
  });
});

describe("Canvas rows and feedback names", () => {
  it("reads the assignment column as Canvas's title_and_id does", () => {
    expect(parseCanvasAssignment("Lab 1 (12345)")).toEqual({ title: "Lab 1", id: "12345" });
    expect(parseCanvasAssignment("Lab (draft) 2 (9)")).toEqual({ title: "Lab (draft) 2", id: "9" });
    expect(parseCanvasAssignment("Lab 1")).toBeNull();
    expect(parseCanvasAssignment("Lab 1 (12a)")).toBeNull();
  });

  it("leaves out rows it cannot import and says why: anonymous ids, no grade, a second row for one id, a plain entry", () => {
    const report = hostileClass("canvas");
    const [first, second] = report.rows;
    const rows: ClassReportRow[] = [
      first!,
      { ...second!, identity: { lms: "canvas", userId: null, anonymousId: "Zq3", attachmentId: "5", prefix: "anon_Zq3" } },
      { ...first!, student: "100~2" },
      { ...first!, student: "e1", status: "error", score: null, identity: { lms: "canvas", userId: "55", anonymousId: null, attachmentId: "6", prefix: "x" } },
      { ...first!, student: "plain", identity: undefined, entry: "plain.zip" },
    ];
    const { omitted } = lmsGrades({ ...report, rows }, "canvas", {});
    expect(omitted.map((o) => [o.student, o.why.split(":")[0]])).toEqual([["101", "graded anonymously"], ["100~2", "Canvas user id 100 is already another row's"], ["e1", "error"], ["plain", "not from a Canvas export"]]);
    const feedback = canvasFeedbackEntries({ ...report, rows });
    expect(feedback.entries.map((e) => e.prefix)).toEqual(["name0_100_900", "anon_Zq3_5", "name0_100_900"]);
  });

  it("keeps a number in the name out of the ids Canvas reads, and LATE where Canvas puts it", () => {
    const report = hostileClass("canvas");
    const rows = [{ ...report.rows[0]!, late: true, identity: { lms: "canvas" as const, userId: "42", anonymousId: null, attachmentId: "43", prefix: "o_neil_2" } }];
    expect(canvasFeedbackEntries({ ...report, rows }).entries[0]!.prefix).toBe("o_neil_LATE_42_43");
  });

  it("reads the ids of a row from a journal written before labgrade recorded them, from its entry names", () => {
    const report = sampleClassReport();
    const old = { ...report.rows[0]!, student: "12345", entry: "doejohn_12345_text.html + doejohn_12345_67890_app.py", identity: undefined };
    expect(lmsGrades({ ...report, rows: [old] }, "canvas", {}).grades.map((g) => g.lmsId)).toEqual(["12345"]);
    expect(canvasFeedbackEntries({ ...report, rows: [old] }).entries.map((e) => e.prefix)).toEqual(["doejohn_12345_67890"]);
  });
});
