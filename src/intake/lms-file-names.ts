// How each LMS writes a person's or a group's name into the names of its submissions download, so that a name from
// the LMS's own lists (Moodle's grading worksheet, Canvas's gradebook and group set exports) can be compared with
// the name an export entry carries.

// Moodle, mod/assign/classes/downloader.php (get_student_prefix): `_` made a space, then clean_filename(), which is
// clean_param(PARAM_FILE) in lib/moodlelib.php: control characters and & < > " ` | ' : \ / removed. Applied to
// both sides of a comparison, so a name already cleaned stays the same.
export function moodleFileName(name: string): string {
  return name.replace(/_/g, " ").replace(/[\p{Cc}&<>"`|':\\/]/gu, "");
}

// Canvas, lib/content_zipper.rb: sanitize_user_name (`_<digits>_` becomes `<digits>`, then lower case), then
// sanitize_file_name, which drops everything that is not [[:word:]] (letters, marks, digits, `_`). A group
// assignment's download gives each group's entry the group's name this way.
export function canvasFileName(name: string): string {
  return name.replace(/_(\d+)_/g, "$1").toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}\p{Pc}]/gu, "");
}
