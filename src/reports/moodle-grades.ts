import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { type Cell, csvText } from "./csv-text.ts";
import { type Omitted, points, rowIdentity } from "./lms-rows.ts";
import { studentFeedback } from "./student-feedback.ts";

export const MOODLE_GRADES_FILE = "moodle-grades.csv";

// The column names of Moodle's offline grading worksheet in English, which its importer matches by the strings of
// the uploading teacher's language (assignfeedback_offline_grade_importer::init: get_string('recordid', 'assign'),
// get_string('grade'), get_string('lastmodifiedgrade', 'assign'); the comments plugin's name for its column).
export const MOODLE_COLUMNS = ["Identifier", "Full name", "Email address", "Status", "Grade", "Maximum Grade", "Grade can be changed", "Last modified (submission)", "Last modified (grade)", "Feedback comments"] as const;

const STATUS: Record<ClassReportRow["status"], string> = { graded: "Graded by labgrade", rejected: "Not graded: the hand-in could not be opened", error: "Not graded: labgrade error", review: "Not graded yet: held for the instructor's review" };

// Moodle keeps the comment as HTML (assignfeedback_comments set_editor_text: FORMAT_HTML): the same words, escaped,
// a line break where the text has one. Quotes are entities too, so no cell holds `\"`, which PHP's fgetcsv (escape
// character `\`) would not read as a quote.
export function feedbackHtml(text: string): string {
  return text.split("\n").map((line) => line.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!)).join("<br>\n");
}
const noBackslashQuote = (text: string): string => text.replace(/\\"/g, '\\ "');

// ISO 8601 in UTC, which the importer's strtotime() reads. Moodle skips a grade its gradebook changed more than a
// minute after this time unless the teacher ticks "Allow updating records that have been modified more recently".
const moodleTime = (iso: string): string => iso.replace(/\.\d+Z$/, "Z");

export interface MoodleGradeRows {
  rows: Array<{ row: ClassReportRow; participantId: string }>;
  omitted: Omitted[];
}

export function moodleGradeRows(report: ClassReport): MoodleGradeRows {
  const rows: MoodleGradeRows["rows"] = [];
  const omitted: Omitted[] = [];
  const seen = new Set<string>();
  for (const row of report.rows) {
    const identity = rowIdentity(row);
    if (identity?.lms !== "moodle") omitted.push({ student: row.student, why: "not from a Moodle export: its entry names carry no participant id" });
    else if (seen.has(identity.participantId)) omitted.push({ student: row.student, why: `participant ${identity.participantId} is already another row's: check whose hand-in this is` });
    else {
      seen.add(identity.participantId);
      rows.push({ row, participantId: identity.participantId });
    }
  }
  return { rows, omitted };
}

// moodle-grades.csv: the offline grading worksheet (Assignment › View all submissions › Grading action › Upload
// grading worksheet). The importer finds the student by "Participant <id>" (the prefix is cut off by length), reads
// the grade with unformat_float (a `.` decimal point) and skips a blank one: a row that was not graded keeps Moodle's
// grade, and only its comment says why.
export function renderMoodleGrades(report: ClassReport): string {
  const records: Cell[][] = [[...MOODLE_COLUMNS]];
  for (const { row, participantId } of moodleGradeRows(report).rows) {
    const graded = row.status === "graded" && row.score !== null;
    records.push([
      `Participant ${participantId}`,
      noBackslashQuote(row.name || `Participant ${participantId}`),
      "",
      STATUS[row.status],
      graded ? points(row.score ?? 0) : "",
      points(row.maxScore),
      "Yes",
      "",
      moodleTime(row.gradedAt),
      feedbackHtml(studentFeedback(row)),
    ]);
  }
  return csvText(records);
}
