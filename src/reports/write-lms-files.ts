import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ClassReport } from "../model/class-row.ts";
import { CANVAS_FEEDBACK_FILE, canvasFeedbackEntries, renderCanvasFeedback } from "./canvas-feedback.ts";
import type { CanvasAssignment } from "./canvas-assignment.ts";
import { CANVAS_GRADES_FILE, renderCanvasGrades } from "./canvas-grades.ts";
import { type LmsInputs, lmsGrades } from "./lms-grades.ts";
import { type Omitted, rowIdentity } from "./lms-rows.ts";
import { MOODLE_FEEDBACK_FILE, moodleFeedbackOmitted, renderMoodleFeedback } from "./moodle-feedback.ts";
import { MOODLE_GRADES_FILE, renderMoodleGrades } from "./moodle-grades.ts";
import { type Output, STUDENT_REPORT_FILE, writeOutputs, type WriteReportsResult } from "./write-reports.ts";

export interface LmsTargets {
  canvas?: CanvasAssignment;
  moodle?: boolean;
}

export interface LmsWriteResult extends WriteReportsResult {
  /** Who each file leaves out and why, one line a file: for the instructor to read before importing. */
  notes: string[];
}

const WHY_NO_CANVAS = "Canvas's gradebook import finds each student by the Canvas user id in its ID column, and no hand-in of this class "
  + "carries one: its entries are not named as Canvas's \"Download submissions\" names them (<name>_<userid>_<attachmentid>_<file>). "
  + "Grade the zip Canvas exported, as it came, to write it.";
const WHY_NO_MOODLE = "Moodle's grading worksheet finds each student by \"Participant <id>\", and no hand-in of this class carries a "
  + "participant id: its entries are not named as Moodle's \"Download all submissions\" names them (<Full name>_<id>_assignsubmission_<plugin>). "
  + "Grade the zip Moodle exported, as it came, to write it.";

// Why a class cannot have a file for this LMS at all (null when some student can be written): the message names
// the file and the id that is missing.
export function lmsRefusal(report: ClassReport, lms: "canvas" | "moodle"): string | null {
  if (lms === "canvas") return lmsGrades(report, "canvas", {}).grades.length > 0 || canvasFeedbackEntries(report).entries.length > 0 ? null : `Cannot write ${CANVAS_GRADES_FILE} or ${CANVAS_FEEDBACK_FILE}: ${WHY_NO_CANVAS}`;
  return report.rows.some((row) => rowIdentity(row)?.lms === "moodle") ? null : `Cannot write ${MOODLE_GRADES_FILE} or ${MOODLE_FEEDBACK_FILE}: ${WHY_NO_MOODLE}`;
}

function note(file: string, omitted: Omitted[]): string[] {
  if (omitted.length === 0) return [];
  const shown = omitted.slice(0, 8).map((o) => `${o.student} (${o.why})`).join("; ");
  return [`${file} leaves out ${omitted.length} student${omitted.length === 1 ? "" : "s"}: ${shown}${omitted.length > 8 ? `; and ${omitted.length - 8} more` : ""}.`];
}

// Each student's own copy of their report, as bulk wrote it (student-report.html); a folder without one (deleted by
// hand) is just not attached. report.html is the instructor's, with the evidence's reasons: it is handed back only
// from folders graded before labgrade wrote a student's copy, whose rows carry no trust to leak.
export async function studentReports(report: ClassReport, outDir: string): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const row of report.rows) {
    if (row.reportDir === null || path.isAbsolute(row.reportDir) || row.reportDir.split(/[\\/]/).includes("..")) continue;
    const dir = path.join(outDir, row.reportDir);
    const html = (await readFile(path.join(dir, STUDENT_REPORT_FILE), "utf8").catch(() => null)) ?? (row.trust ? null : await readFile(path.join(dir, "report.html"), "utf8").catch(() => null));
    if (html !== null) found.set(row.reportDir, html);
  }
  return found;
}

// The LMS import files of a graded class, into its output folder: canvas-grades.csv and canvas-feedback.zip,
// moodle-grades.csv and moodle-feedback.zip. The caller checks lmsRefusal first; `inputs` are what the instructor
// passed from the LMS (worksheet, gradebook, group set, maximum). A refusal of lmsGrades (the grades would reach the
// wrong people, or be out of the wrong maximum) is thrown before anything is written.
export async function writeLmsFiles(report: ClassReport, outDir: string, targets: LmsTargets, inputs: LmsInputs = {}): Promise<LmsWriteResult> {
  const reports = await studentReports(report, outDir);
  const outputs: Output[] = [];
  const notes: string[] = [];
  const canvas = targets.canvas;
  if (canvas) {
    const grades = lmsGrades(report, "canvas", { ...inputs, canvasAssignment: canvas });
    outputs.push({ file: CANVAS_GRADES_FILE, render: () => renderCanvasGrades(grades, canvas) }, { file: CANVAS_FEEDBACK_FILE, render: () => renderCanvasFeedback(report, reports) });
    notes.push(...grades.notes, ...note(CANVAS_GRADES_FILE, grades.omitted), ...note(CANVAS_FEEDBACK_FILE, canvasFeedbackEntries(report).omitted));
  }
  if (targets.moodle) {
    const grades = lmsGrades(report, "moodle", inputs);
    outputs.push({ file: MOODLE_GRADES_FILE, render: () => renderMoodleGrades(grades) }, { file: MOODLE_FEEDBACK_FILE, render: () => renderMoodleFeedback(grades, reports, report.generatedAt) });
    notes.push(...grades.notes, ...note(MOODLE_GRADES_FILE, grades.omitted), ...note(MOODLE_FEEDBACK_FILE, moodleFeedbackOmitted(grades)));
  }
  return { ...(await writeOutputs(outDir, outputs)), notes };
}
