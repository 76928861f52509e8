import { stringify } from "csv-stringify/sync";

// The files an instructor downloads from each LMS beside the submissions, written as the LMS writes them, so
// the tests read what an instructor would pass.

/**
 * Moodle's grading worksheet (View all submissions › Grading action › Download grading worksheet), as
 * mod/assign/gradingtable.php lays it out when downloading: Identifier ("Participant <id>", col_recordid), Full
 * name, the identity fields (Email address), Status, Group (team assignments only, col_team: the group's name or
 * "Default group"), Grade and Maximum grade (format_float with the grade item's decimals), Grade can be changed,
 * Last modified (submission), the feedback plugins' editor fields (Feedback comments) and Last modified (grade).
 */
export function moodleWorksheet(participants: Array<{ id: number; name: string; group?: string; grade?: string }>, options: { max?: string; teams?: boolean } = {}): string {
  const teams = options.teams ?? participants.some((p) => p.group !== undefined);
  const header = ["Identifier", "Full name", "Email address", "Status", ...(teams ? ["Group"] : []), "Grade", "Maximum Grade", "Grade can be changed", "Last modified (submission)", "Last modified (grade)", "Feedback comments"];
  const rows = participants.map((p) => [
    `Participant ${p.id}`,
    p.name,
    `${p.name.toLowerCase().replace(/\W+/g, ".")}@example.edu`,
    "Submitted for grading",
    ...(teams ? [p.group ?? "Default group"] : []),
    p.grade ?? "",
    options.max ?? "100.00",
    "Yes",
    "Thursday, 3 December 2026, 9:12 AM",
    "-",
    "",
  ]);
  return `\uFEFF${stringify([header, ...rows])}`;
}

/**
 * Canvas's gradebook export (Grades › Export › Export Entire Gradebook), as app/models/gradebook_importer.rb reads
 * it back: Student (the sortable name), ID, SIS User ID, SIS Login ID, Section, one column per assignment named
 * `<title> (<id>)`, the totals, then a "Points Possible" row and a row per student.
 */
export function canvasGradebook(assignments: Array<{ title: string; id: number; points: string }>, students: Array<{ name: string; id: number }>, options: { splitNames?: boolean } = {}): string {
  // "Show first and last names separately" (lib/gradebook_exporter.rb, show_student_first_last_name): LastName and
  // FirstName in place of Student.
  const split = options.splitNames ?? false;
  const header = [...(split ? ["LastName", "FirstName"] : ["Student"]), "ID", "SIS User ID", "SIS Login ID", "Section", ...assignments.map((a) => `${a.title} (${a.id})`), "Current Score", "Unposted Current Score", "Final Score"];
  const possible = ["    Points Possible", ...(split ? [""] : []), "", "", "", "", ...assignments.map((a) => a.points), "(read only)", "(read only)", "(read only)"];
  const name = (sortable: string) => (split ? [sortable.split(", ")[0] ?? "", sortable.split(", ").slice(1).join(", ")] : [sortable]);
  const rows = students.map((s) => [...name(s.name), String(s.id), "", "", "Section 1", ...assignments.map(() => ""), "", "", ""]);
  return stringify([header, possible, ...rows]);
}

/**
 * Canvas's group set export (People › Groups › the set's ⋮ › Export), whose header the group categories API spec
 * pins (spec/apis/v1/group_categories_api_spec.rb): name, canvas_user_id, user_id, login_id, sections, group_name,
 * canvas_group_id, group_id; a student in no group has empty group columns.
 */
export function canvasGroupSet(members: Array<{ name: string; userId: number; group: string | null; groupId?: number }>): string {
  const header = ["name", "canvas_user_id", "user_id", "login_id", "sections", "group_name", "canvas_group_id", "group_id"];
  const rows = members.map((m) => [m.name, String(m.userId), "", `login${m.userId}`, "Section 1", m.group ?? "", m.group === null ? "" : String(m.groupId ?? 900), ""]);
  return stringify([header, ...rows]);
}
