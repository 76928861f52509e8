import yauzl, { type Entry } from "yauzl";

// The entry's name decoded as the zip spec says: UTF-8 when the entry is flagged so or carries an Info-ZIP
// Unicode Path field, CP437 otherwise (old Windows and macOS tools). Backslashes are kept, so a message can
// quote the name exactly as the student's zip stores it.
export function storedName(entry: Entry): string {
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
}

// Some Windows tools (.NET 4.5's ZipFile among them) write "lab\app.py" for "lab/app.py": read both as "/".
export function slashName(stored: string): string {
  return stored.replaceAll("\\", "/");
}

export type SafePath = { ok: true; segments: string[] } | { ok: false; problem: string };

// Splits a slash name into the folder names it lands under, or says why it would land outside the
// destination. Checked on every name and every mapped path before anything is written.
export function safeSegments(name: string): SafePath {
  if (name.includes("\0")) return { ok: false, problem: "contains a NUL character" };
  if (name.startsWith("/")) return { ok: false, problem: 'starts with "/" (an absolute path)' };
  if (/^[A-Za-z]:/.test(name)) return { ok: false, problem: "starts with a drive letter (an absolute Windows path)" };
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) return { ok: false, problem: 'climbs out of its folder with ".."' };
  // yauzl's own check, as a second opinion on the normalized name.
  const yauzlProblem = yauzl.validateFileName(segments.join("/"));
  if (yauzlProblem !== null) return { ok: false, problem: yauzlProblem };
  return { ok: true, segments };
}
