import { type Cell, csvText } from "./csv-text.ts";
import type { CanvasAssignment } from "./canvas-assignment.ts";
import type { LmsGrades } from "./lms-grades.ts";

export const CANVAS_GRADES_FILE = "canvas-grades.csv";

// canvas-grades.csv in the layout of Canvas's own gradebook export, which its importer reads back
// (app/models/gradebook_importer.rb): the header starts Student, ID, SIS User ID, SIS Login ID, Section (the fifth
// must say Section once SIS columns are there), then the assignment as `<title> (<id>)`; a row whose first cell
// says "Points Possible" gives the maximum (used only when the import creates the assignment); each student row is
// found by the Canvas user id in ID. Scores are plain numbers with a `.` decimal point (the importer turns a decimal
// comma into a point, never the reverse), in the assignment's points (lmsGrades checked or scaled them).
export function renderCanvasGrades(grades: LmsGrades, assignment: CanvasAssignment): string {
  const records: Cell[][] = [
    ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", `${assignment.title} (${assignment.id})`],
    ["Points Possible", "", "", "", "", grades.max.lms],
    ...grades.grades.map((g): Cell[] => [g.name || g.row.name || g.row.student, g.lmsId, "", "", "", g.points]),
  ];
  return csvText(records);
}
