import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { type Cell, csvText } from "./csv-text.ts";
import { reasonsText } from "./evidence-words.ts";
import { studentFeedback } from "./student-feedback.ts";

function stepCell(row: ClassReportRow, id: string): Cell {
  const step = row.steps.find((s) => s.id === id);
  // Only a judged step has points: an error or skipped step, one a rejected row never reached, or one held for
  // review (suspicious evidence, --suspicious review), is blank, not 0.
  return step && !(step.held === "review") && (step.status === "passed" || step.status === "failed") ? step.points : null;
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
    row.trust?.level ?? "",
    reasonsText(row.trust),
    row.reason ?? "",
    studentFeedback(row),
    row.rubric ?? "",
    row.labgrade ?? "",
    row.lab?.id ?? report.lab?.id ?? "",
  ];
}

// gradebook.csv: a row per student, a column per rubric step, for the instructor's spreadsheet. `evidence` is how far
// the engine steps' evidence can be trusted (live, collected, suspicious, none; "" for rows graded before labgrade
// recorded it) and `evidence_reasons` every reason, "code: message" a line, for the instructor only. `feedback` is what
// the student reads in the LMS; `rubric` and `labgrade` say which rubric and version gave the grade ("" for rows
// graded before labgrade recorded them); `lab` the lab's id ("" for classes graded before labs were files).
export function renderGradebook(report: ClassReport): string {
  const header = ["student", "name", "entry", "late", "status", ...report.steps.map((s) => s.id), "total", "max", "same_as", "evidence", "evidence_reasons", "reason", "feedback", "rubric", "labgrade", "lab"];
  return csvText([header, ...report.rows.map((row) => record(row, report))]);
}
