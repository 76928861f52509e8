// Moodle "Download all submissions" prefixes each student's work with `<Full Name>_<participantid>_`, then
// the plugin: a folder `<prefix>assignsubmission_file_/` (or `_onlinetext_`), or with "download as folders"
// off, flat files `<prefix>assignsubmission_file_<file>`. Blind marking writes "Participant" for the name.
// Source: moodle mod/assign/locallib.php (download_submissions).

export interface MoodleName {
  /** The participant id: Moodle's per-assignment id for the student. */
  student: string;
  /** "" under blind marking. */
  name: string;
  /** The plugin that wrote it: `file`, `onlinetext`, or a third-party plugin's type. */
  plugin: string;
  /** The original file name for a flat file; null for a folder. */
  file: string | null;
}

// The name is everything before the first `_<digits>_assignsubmission_`: names hold `_`, spaces, apostrophes
// and non-ASCII letters, so split from the right, at the id, never at the first `_`.
const FOLDER = /^(?<name>.+?)_(?<id>\d+)_assignsubmission_(?<plugin>[a-z0-9]+)_?$/u;
const FLAT_FILE = /^(?<name>.+?)_(?<id>\d+)_assignsubmission_(?<plugin>[a-z0-9]+)_(?<file>.+)$/u;
const BLIND = /^participant$/i;

// Folders and flat files follow different patterns: a flat file needs a name after the plugin.
export function parseMoodleName(entryName: string, dir: boolean): MoodleName | null {
  const groups = (dir ? FOLDER : FLAT_FILE).exec(entryName)?.groups;
  if (!groups) return null;
  const name = groups.name ?? "";
  return { student: groups.id ?? "", name: BLIND.test(name) ? "" : name, plugin: groups.plugin ?? "", file: dir ? null : (groups.file ?? "") };
}
