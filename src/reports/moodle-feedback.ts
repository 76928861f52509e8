import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { type Omitted, rowIdentity } from "./lms-rows.ts";
import { FEEDBACK_REPORT_FILE } from "./student-feedback.ts";
import { zipBytes } from "./zip-bytes.ts";

export const MOODLE_FEEDBACK_FILE = "moodle-feedback.zip";

// Moodle's "Download all submissions" folder for a student (mod/assign/classes/downloader.php): the full name with
// `_` made a space, `_<participant id>`, then `_assignsubmission_file`. Its feedback importer splits a folder name
// at `_` (at most 5 parts) and takes the second as the participant id, so the name must hold no `_`
// (assignfeedback_file_zip_importer::is_valid_filename_for_import). Characters no file name may hold go too.
export function moodleFolder(fullName: string, participantId: string): string {
  // eslint-disable-next-line no-control-regex
  const name = fullName.replace(/_/g, " ").replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "").trim() || "Participant";
  return `${name}_${participantId}_assignsubmission_file`;
}

export function moodleFeedbackEntries(report: ClassReport): { entries: Array<{ row: ClassReportRow; folder: string }>; omitted: Omitted[] } {
  const entries: Array<{ row: ClassReportRow; folder: string }> = [];
  const omitted: Omitted[] = [];
  for (const row of report.rows) {
    const identity = rowIdentity(row);
    if (identity?.lms !== "moodle") omitted.push({ student: row.student, why: "not from a Moodle export: its entry names carry no participant id" });
    else if (row.reportDir === null) omitted.push({ student: row.student, why: `${row.status}: there is no report to hand back (the comment in ${"moodle-grades.csv"} says why)` });
    else entries.push({ row, folder: moodleFolder(identity.fullName, identity.participantId) });
  }
  return { entries, omitted };
}

// moodle-feedback.zip for Assignment › View all submissions › Grading action › Upload multiple feedback files in a
// zip: each student's report in their export folder. `reports` maps a row's reportDir to its report.html.
export function renderMoodleFeedback(report: ClassReport, reports: ReadonlyMap<string, string>): Promise<Buffer> {
  const files = moodleFeedbackEntries(report).entries.flatMap(({ row, folder }) => {
    const html = row.reportDir === null ? undefined : reports.get(row.reportDir);
    return html === undefined ? [] : [{ name: `${folder}/${FEEDBACK_REPORT_FILE}`, data: html }];
  });
  return zipBytes(files, new Date(report.generatedAt));
}
