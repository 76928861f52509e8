import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { type Omitted, rowIdentity } from "./lms-rows.ts";
import { FEEDBACK_REPORT_FILE, studentFeedback } from "./student-feedback.ts";
import { zipBytes } from "./zip-bytes.ts";

export const CANVAS_FEEDBACK_FILE = "canvas-feedback.zip";

export interface CanvasFeedbackEntry {
  row: ClassReportRow;
  /** What every file of this student starts with: Canvas's re-upload reads the ids in it. */
  prefix: string;
}

// The name part must not hold a number of its own: the re-upload takes the first two all-digit `_` parts as the
// user and attachment ids. "LATE" is dropped by the importer wherever it stands.
const safeName = (prefix: string): string => prefix.split("_").filter((part) => part !== "" && !/^\d+$/.test(part) && part !== "LATE" && part !== "anon").join("_") || "student";

// Who gets feedback files, named as Canvas's "Download submissions" names theirs, which "Re-upload submissions"
// reads back (Assignment#infer_comment_context_from_filename): `<name>[_LATE]_<userid>_<attachmentid>_<file>`, or
// `anon_<anonymousid>_<attachmentid>_<file>` under anonymous grading. The attachment must be one of the student's
// submitted files, so a text or URL entry (no attachment id) cannot get feedback this way. labgrade errors are left
// out: grade them again first.
export function canvasFeedbackEntries(report: ClassReport): { entries: CanvasFeedbackEntry[]; omitted: Omitted[] } {
  const entries: CanvasFeedbackEntry[] = [];
  const omitted: Omitted[] = [];
  for (const row of report.rows) {
    const identity = rowIdentity(row);
    if (identity?.lms !== "canvas") omitted.push({ student: row.student, why: "not from a Canvas export: its entry names carry no Canvas user id" });
    else if (identity.attachmentId === null) omitted.push({ student: row.student, why: "handed in a text or URL entry: Canvas attaches re-uploaded feedback only to a submitted file's id" });
    else if (row.status === "error") omitted.push({ student: row.student, why: "a labgrade error: grade it again before sending feedback" });
    else {
      const late = row.late ? "_LATE" : "";
      const prefix = identity.anonymousId !== null ? `anon_${identity.anonymousId}${late}_${identity.attachmentId}` : `${safeName(identity.prefix)}${late}_${identity.userId}_${identity.attachmentId}`;
      entries.push({ row, prefix });
    }
  }
  return { entries, omitted };
}

// canvas-feedback.zip for Assignment › Re-Upload Submissions: one file per student, their report. Canvas shows a
// re-uploaded file under the display name of the submitted file whose id its name carries
// (Assignment#generate_comments_from_files: FileInContext.attach with the attachment's display_name), and no name in
// the zip changes that: two files would show as the student's own file name twice, so the feedback travels in the
// one report (its score and each step missed), posted as "See attached file". A group's comment reaches every
// member (group_students). `reports` maps a row's reportDir to its report.html; a row without one gets the feedback
// text instead. `labgrade push canvas` attaches the report under its own name, the feedback as the comment's text.
export function renderCanvasFeedback(report: ClassReport, reports: ReadonlyMap<string, string>): Promise<Buffer> {
  const files = canvasFeedbackEntries(report).entries.map(({ row, prefix }) => {
    const html = row.reportDir === null ? undefined : reports.get(row.reportDir);
    return html === undefined ? { name: `${prefix}_feedback.txt`, data: `${studentFeedback(row)}\n` } : { name: `${prefix}_${FEEDBACK_REPORT_FILE}`, data: html };
  });
  return zipBytes(files, new Date(report.generatedAt));
}
