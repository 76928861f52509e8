import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { type Cell, csvText } from "./csv-text.ts";
import { studentFeedback } from "./student-feedback.ts";

function stepCell(row: ClassReportRow, id: string): Cell {
  const step = row.steps.find((s) => s.id === id);
  // Only a judged step has points: an error or skipped step, or one a rejected row never reached, is blank, not 0.
  return step && (step.status === "passed" || step.status === "failed") ? step.points : null;
}

function record(row: ClassReportRow, report: ClassReport): Cell[] {
  return [
    row.student,
    row.name,
    row.entry,
    row.late ? "yes" : "",
    row.status,
    ...report.steps.map((s) => stepCell(row, s.id)),
    row.score,
    row.maxScore,
    row.sameAs.join("; "),
    row.reason ?? "",
    studentFeedback(row),
    row.rubric ?? "",
    row.labgrade ?? "",
  ];
}

// gradebook.csv: a row per student, a column per rubric step, for the instructor's spreadsheet. `feedback` is what
// the student reads in the LMS; `rubric` and `labgrade` say which rubric and version gave the grade ("" for rows
// graded before labgrade recorded them).
export function renderGradebook(report: ClassReport): string {
  const header = ["student", "name", "entry", "late", "status", ...report.steps.map((s) => s.id), "total", "max", "same_as", "reason", "feedback", "rubric", "labgrade"];
  return csvText([header, ...report.rows.map((row) => record(row, report))]);
}
