import { parseCanvasName } from "./canvas-name.ts";
import { classroomPrefix } from "./classroom-prefix.ts";
import { isGradescopeFolder, type GradescopeSubmission } from "./gradescope-metadata.ts";
import type { EntryMatch, TopEntry } from "./hand-in.ts";
import { parseMoodleName } from "./moodle-name.ts";
import { baseName } from "./entry-path.ts";
import { canvasIdentity, moodleIdentity } from "./lms-identity.ts";

// Each entry is read on its own, so a listing may mix patterns; an entry that does not follow an LMS
// pattern in full is the student's plain name. GitHub Classroom is decided over the whole listing, since a
// prefix means something only when every remaining folder shares it.
export function recogniseEntries(entries: readonly TopEntry[], gradescope: ReadonlyMap<string, GradescopeSubmission> | null): EntryMatch[] {
  const known = entries.map((entry) => recogniseLms(entry, gradescope));
  const prefix = classroomPrefix(entries.filter((entry, i) => entry.dir && known[i] === null).map((entry) => baseName(entry.path)));
  return entries.map((entry, i) => known[i] ?? (prefix !== null && entry.dir ? classroom(entry, prefix) : plain(entry)));
}

function recogniseLms(entry: TopEntry, gradescope: ReadonlyMap<string, GradescopeSubmission> | null): EntryMatch | null {
  const base = baseName(entry.path);
  if (gradescope && entry.dir && isGradescopeFolder(base)) {
    const submission = gradescope.get(base) ?? { student: base, name: "" };
    return { entry: entry.path, lms: "gradescope", ...submission, late: false, groupKey: null };
  }
  const moodle = parseMoodleName(base, entry.dir);
  if (moodle) return { entry: entry.path, lms: "moodle", student: moodle.student, name: moodle.name, late: false, groupKey: `moodle:${moodle.student}`, identity: moodleIdentity(moodle.student, moodle.name) };
  // Canvas writes files only; a folder with a Canvas-like name is someone's own folder.
  const canvas = entry.dir ? null : parseCanvasName(base);
  if (canvas) {
    const groupKey = `canvas:${canvas.anonymous ? "anon:" : ""}${canvas.student}`;
    return { entry: entry.path, lms: "canvas", student: canvas.student, name: canvas.name, late: canvas.late, groupKey, identity: canvasIdentity(canvas) };
  }
  return null;
}

function classroom(entry: TopEntry, prefix: string): EntryMatch {
  return { entry: entry.path, lms: "classroom", student: baseName(entry.path).slice(prefix.length), name: "", late: false, groupKey: null };
}

function plain(entry: TopEntry): EntryMatch {
  const base = baseName(entry.path);
  const student = entry.dir ? base : base.replace(/\.zip$/i, "") || base;
  return { entry: entry.path, lms: "plain", student, name: "", late: false, groupKey: null };
}
