// Canvas "Download submissions" names each file `<name>[_LATE]_<userid>_<attachmentid>_<file>`, with the
// name lower-cased and stripped to word characters; anonymous grading writes `[LATE_]anon_<anonymousid>`
// in place of the name and user id. Text and URL entries have no attachment id: `<prefix>_text.html`.
// Source: canvas-lms lib/content_zipper.rb (get_filename, sanitize_user_name, add_upload_submission).

export interface CanvasName {
  /** The Canvas user id, or the anonymous id under anonymous grading. */
  student: string;
  /** "" when anonymous. */
  name: string;
  late: boolean;
  anonymous: boolean;
  /** The file's name as the student uploaded it (Canvas may have appended `-1`: see canvas-reupload.ts). */
  file: string;
  /** The submission attachment's id; null for text and URL entries. Canvas's re-upload of feedback needs it. */
  attachment: string | null;
  /** What stands before the ids: the sanitized name, or `anon_<id>`; Canvas's re-upload reads the ids after it. */
  prefix: string;
}

// Some exports (older Canvas, re-zipped by hand) keep `_` and `-` in names: split at the ids, not at `_`.
const NAME = String.raw`(?<name>[\p{L}\p{M}\p{N}_-]+?)`;
// Canvas ids are database integers: no leading zero, which keeps dates like `2024_05_…` from reading as ids.
const ID = String.raw`[1-9]\d*`;
const LATE_AFTER = String.raw`(?<lateAfter>_LATE)?`;
const LATE_BEFORE = String.raw`(?<lateBefore>LATE_)?`;
const TAIL = String.raw`(?:_(?<attachment>${ID})_(?<file>.+)|_(?<online>(?:text|link)\.html))`;

// Tried in order: `anon_` first, so an anonymous file whose own name starts with digits keeps its id.
const PATTERNS: Array<{ re: RegExp; anonymous: boolean }> = [
  { re: new RegExp(String.raw`^${LATE_BEFORE}anon_(?<id>[A-Za-z0-9]+)${LATE_AFTER}${TAIL}$`, "u"), anonymous: true },
  { re: new RegExp(String.raw`^${NAME}${LATE_AFTER}_(?<id>${ID})${TAIL}$`, "u"), anonymous: false },
  // `anon<id>` without the underscore, as some exports spell it; the id starts with a digit so that a name
  // starting with "anon" (anonsen) still reads as a name.
  { re: new RegExp(String.raw`^${LATE_BEFORE}anon(?<id>\d[A-Za-z0-9]*)${LATE_AFTER}${TAIL}$`, "u"), anonymous: true },
];

// Null unless the whole name follows the pattern: an entry that merely contains digits stays a plain name.
export function parseCanvasName(entryName: string): CanvasName | null {
  for (const { re, anonymous } of PATTERNS) {
    const groups = re.exec(entryName)?.groups;
    if (!groups) continue;
    const name = groups.name ?? "";
    // A sortable name has letters; `2024_11_5_notes.txt` is a date, not a student.
    if (!anonymous && !/\p{L}/u.test(name)) continue;
    return {
      student: groups.id ?? "",
      name,
      late: groups.lateBefore !== undefined || groups.lateAfter !== undefined,
      anonymous,
      file: groups.file ?? groups.online ?? "",
      attachment: groups.attachment ?? null,
      prefix: anonymous ? `anon_${groups.id ?? ""}` : name,
    };
  }
  return null;
}
