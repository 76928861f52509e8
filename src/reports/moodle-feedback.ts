import type { LmsGrades } from "./lms-grades.ts";
import type { Omitted } from "./lms-rows.ts";
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

// moodle-feedback.zip for Assignment › View all submissions › Grading action › Upload multiple feedback files in a
// zip: each student's report in their export folder, or, for a team's hand-in, in a folder of each member's
// (its importer files a report under the participant id of the folder that holds it). `reports` maps a row's
// reportDir to its report.html. Who has no report is said in the notes (the comment in moodle-grades.csv says why).
export function renderMoodleFeedback(grades: LmsGrades, reports: ReadonlyMap<string, string>, generatedAt: string): Promise<Buffer> {
  const files = grades.grades.flatMap(({ row, lmsId, name }) => {
    const html = row.reportDir === null ? undefined : reports.get(row.reportDir);
    return html === undefined ? [] : [{ name: `${moodleFolder(name || row.name, lmsId)}/${FEEDBACK_REPORT_FILE}`, data: html }];
  });
  return zipBytes(files, new Date(generatedAt));
}

export function moodleFeedbackOmitted(grades: LmsGrades): Omitted[] {
  return [...grades.omitted, ...grades.grades.filter((g) => g.row.reportDir === null).map((g) => ({ student: g.row.student, why: `${g.row.status}: there is no report to hand back (the comment in moodle-grades.csv says why)` }))];
}
