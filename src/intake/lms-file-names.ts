// How each LMS writes a person's or a group's name into the names of its submissions download, so that a name from
// the LMS's own lists (Moodle's grading worksheet, Canvas's gradebook and group set exports) can be compared with
// the name an export entry carries.

// Moodle, mod/assign/classes/downloader.php (get_student_prefix): `_` made a space, then clean_filename(), which is
// clean_param(PARAM_FILE) in lib/moodlelib.php: control characters and & < > " ` | ' : \ / removed. Applied to
// both sides of a comparison, so a name already cleaned stays the same.
export function moodleFileName(name: string): string {
  return name.replace(/_/g, " ").replace(/[\p{Cc}&<>"`|':\\/]/gu, "");
}

// Moodle, the same get_student_prefix for a team's folder: the group's name goes through format_string() first,
// which escapes `&` not already starting an entity (replace_ampersands_not_followed_by_entity, lib/weblib.php) and,
// with formatstringstriptags on (the default), `<` and `>`; clean_filename then drops the `&`. So the group "R&D"
// (the worksheet's Group column, col_team, gives the raw name) has the folder "Ramp;D". A person's full name is not
// formatted (fullname()), so moodleFileName stays theirs. A name already cleaned holds no `&`, `<` or `>` and
// stays the same.
export function moodleGroupFileName(name: string): string {
  const formatted = name.replace(/&(?![a-zA-Z0-9#]{1,8};)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return moodleFileName(formatted);
}

// Canvas, lib/content_zipper.rb: sanitize_user_name (`_<digits>_` becomes `<digits>`, then lower case), then
// sanitize_file_name, which drops everything that is not [[:word:]] (letters, marks, digits, `_`). A group
// assignment's download gives each group's entry the group's name this way.
export function canvasFileName(name: string): string {
  return name.replace(/_(\d+)_/g, "$1").toLowerCase().replace(/[^\p{L}\p{M}\p{Nd}\p{Pc}]/gu, "");
}
