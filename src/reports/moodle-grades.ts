import type { ClassReportRow } from "../model/class-row.ts";
import { type Cell, csvText } from "./csv-text.ts";
import type { LmsGrades } from "./lms-grades.ts";
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

// moodle-grades.csv: the offline grading worksheet (Assignment › View all submissions › Grading action › Upload
// grading worksheet). The importer finds the student by "Participant <id>" (the prefix is cut off by length), reads
// the grade with unformat_float (a `.` decimal point) and skips a blank one: a row that was not graded keeps Moodle's
// grade, and only its comment says why. A team's hand-in gives a row to each member (lmsGrades).
export function renderMoodleGrades(grades: LmsGrades): string {
  const records: Cell[][] = [[...MOODLE_COLUMNS]];
  for (const { row, lmsId, name, points: grade } of grades.grades) {
    records.push([
      `Participant ${lmsId}`,
      noBackslashQuote(name || row.name || `Participant ${lmsId}`),
      "",
      STATUS[row.status],
      grade ?? "",
      grades.max.lms,
      "Yes",
      "",
      moodleTime(row.gradedAt),
      feedbackHtml(studentFeedback(row)),
    ]);
  }
  return csvText(records);
}
