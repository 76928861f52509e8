import { lstat, readFile } from "node:fs/promises";
import path from "node:path";

// Reads a file of the student's folder only when it is a regular file inside that folder: a link or a
// `../` path must not make labgrade read the grading machine's files.
export async function readInside(dir: string, relative: string): Promise<string | null> {
  const full = path.resolve(dir, relative);
  const rel = path.relative(dir, full);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  const stat = await lstat(full).catch(() => null);
  if (!stat?.isFile()) return null;
  return readFile(full, "utf8").catch(() => null);
}
