import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { type Cell, csvText } from "./csv-text.ts";
import { type Omitted, points, rowIdentity } from "./lms-rows.ts";

/** The assignment's column as Canvas's own gradebook export names it: `<title> (<assignment id>)`. */
export interface CanvasAssignment {
  title: string;
  id: string;
}

export const CANVAS_GRADES_FILE = "canvas-grades.csv";

// Canvas reads a column as an assignment by this pattern (Assignment.title_and_id: /\A(.*)\s\((\d+)\)\z/).
export function parseCanvasAssignment(text: string): CanvasAssignment | null {
  const match = /^(.*\S)\s\((\d+)\)$/s.exec(text.trim());
  return match ? { title: match[1]!, id: match[2]! } : null;
}

export interface CanvasGradeRows {
  rows: Array<{ row: ClassReportRow; userId: string }>;
  omitted: Omitted[];
}

// Who can go into canvas-grades.csv: a graded row with a Canvas user id, once per id. A row that was not graded is
// left out rather than written blank: Canvas keeps whatever grade it has for a student the file does not list.
export function canvasGradeRows(report: ClassReport): CanvasGradeRows {
  const rows: CanvasGradeRows["rows"] = [];
  const omitted: Omitted[] = [];
  const seen = new Set<string>();
  for (const row of report.rows) {
    const identity = rowIdentity(row);
    if (identity?.lms !== "canvas") omitted.push({ student: row.student, why: "not from a Canvas export: its entry names carry no Canvas user id" });
    else if (identity.userId === null) omitted.push({ student: row.student, why: "graded anonymously: Canvas's gradebook import needs the user id, and the export gives only an anonymous id" });
    else if (row.status !== "graded" || row.score === null) omitted.push({ student: row.student, why: `${row.status}: no grade to import (Canvas keeps the one it has)` });
    else if (seen.has(identity.userId)) omitted.push({ student: row.student, why: `Canvas user id ${identity.userId} is already another row's: check whose hand-in this is` });
    else {
      seen.add(identity.userId);
      rows.push({ row, userId: identity.userId });
    }
  }
  return { rows, omitted };
}

// canvas-grades.csv in the layout of Canvas's own gradebook export, which its importer reads back
// (app/models/gradebook_importer.rb): the header starts Student, ID, SIS User ID, SIS Login ID, Section (the fifth
// must say Section once SIS columns are there), then the assignment as `<title> (<id>)`; a row whose first cell
// says "Points Possible" gives the maximum; each student row is found by the Canvas user id in ID. Scores are plain
// numbers with a `.` decimal point (the importer turns a decimal comma into a point, never the reverse).
export function renderCanvasGrades(report: ClassReport, assignment: CanvasAssignment): string {
  const max = points(report.steps.reduce((sum, s) => sum + s.points, 0));
  const records: Cell[][] = [
    ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", `${assignment.title} (${assignment.id})`],
    ["Points Possible", "", "", "", "", max],
    ...canvasGradeRows(report).rows.map(({ row, userId }): Cell[] => [row.name || row.student, userId, "", "", "", points(row.score ?? 0)]),
  ];
  return csvText(records);
}
