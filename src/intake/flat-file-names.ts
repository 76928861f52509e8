import { restoreUploadNames } from "./canvas-reupload.ts";
import { parseCanvasName } from "./canvas-name.ts";
import { baseName } from "./entry-path.ts";
import type { Lms } from "./hand-in.ts";
import { parseMoodleName } from "./moodle-name.ts";

// What each flat file of a hand-in is called in the student's folder: the name they uploaded, without the
// LMS prefix, and for Canvas without the `-1` of a re-upload. A name that is unsafe as one path segment, or
// that a second file also claims, keeps its export name: nothing is invented and nothing is overwritten.
export function flatFileNames(lms: Lms, flatEntries: readonly string[]): Map<string, string> {
  const exportNames = flatEntries.map(baseName);
  const stripped = exportNames.map((name) => uploadedName(lms, name));
  const restored = lms === "canvas" ? restoreUploadNames(stripped) : stripped;
  const names = new Map<string, string>();
  const taken = new Set<string>();
  flatEntries.forEach((entry, i) => {
    const wanted = restored[i] ?? "";
    const exportName = exportNames[i] ?? entry;
    const name = isSafeSegment(wanted) && !taken.has(wanted) ? wanted : exportName;
    taken.add(name);
    names.set(entry, name);
  });
  return names;
}

function uploadedName(lms: Lms, exportName: string): string {
  if (lms === "canvas") return parseCanvasName(exportName)?.file ?? exportName;
  if (lms === "moodle") return parseMoodleName(exportName, false)?.file ?? exportName;
  return exportName;
}

function isSafeSegment(name: string): boolean {
  return name !== "" && name !== "." && name !== ".." && !/[/\\\0]/.test(name);
}
