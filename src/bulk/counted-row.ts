import type { ClassRow } from "../model/class-row.ts";

// Which of two rows of one student counts: the newer, except that labgrade's own failure (an error row)
// never hides a judged row of the same work, nor of work it never got to read (no key). Two runs, a
// retry or a crash can leave a student's rows in any order in the journal; the time they were graded,
// not their line, decides.
export function countedRow(a: ClassRow, b: ClassRow): ClassRow {
  const [older, newer] = b.gradedAt < a.gradedAt ? [b, a] : [a, b];
  if (newer.status === "error" && older.status !== "error" && (newer.key === "" || newer.key === older.key)) return older;
  return newer;
}
