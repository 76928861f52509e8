import { createHash } from "node:crypto";

// A folder name for a student's reports: their id where it is a safe name, else a safe form of it with a
// short hash, so two ids never share a folder and no id can name a path outside the output.
export function studentFolder(student: string): string {
  const safe = student.normalize("NFC").replace(/[^\p{L}\p{N}._-]+/gu, "_").replace(/^[.]+/, "_").slice(0, 64);
  if (safe === student && safe !== "") return safe;
  return `${safe || "student"}-${createHash("sha256").update(student).digest("hex").slice(0, 8)}`;
}
