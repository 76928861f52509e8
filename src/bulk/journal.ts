import { appendFile, readFile } from "node:fs/promises";
import { type ClassRow, JOURNAL_SCHEMA } from "../model/class-row.ts";
import { countedRow } from "./counted-row.ts";

export const JOURNAL_FILE = "journal.jsonl";

export interface JournalRead {
  /** The row of each student that counts (see countedRow). */
  rows: Map<string, ClassRow>;
  /** The newest row of each student for each key (what was graded, and how): resume looks its work up here. */
  byKey: Map<string, Map<string, ClassRow>>;
  /** Lines that could not be read: a line torn by a crash, or a schema this version does not know. */
  skipped: number;
}

// Reads a class's journal: one JSON row a line, appended as each student finishes. The last line of a
// killed run may be torn; it is skipped, and that student is graded again.
export async function readJournal(file: string): Promise<JournalRead> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return "";
    throw error;
  });
  const rows = new Map<string, ClassRow>();
  const byKey = new Map<string, Map<string, ClassRow>>();
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const row = parseRow(line);
    if (!row) {
      skipped++;
      continue;
    }
    const kept = rows.get(row.student);
    rows.set(row.student, kept ? countedRow(kept, row) : row);
    const keys = byKey.get(row.student) ?? new Map<string, ClassRow>();
    const same = keys.get(row.key);
    keys.set(row.key, same ? countedRow(same, row) : row);
    byKey.set(row.student, keys);
  }
  return { rows, byKey, skipped };
}

// One whole line per append (O_APPEND): a crash loses at most the line being written, never an earlier one.
export async function appendJournal(file: string, row: ClassRow): Promise<void> {
  await appendFile(file, JSON.stringify(row) + "\n", { encoding: "utf8", flag: "a" });
}

export function renderJournal(rows: Iterable<ClassRow>): string {
  return [...rows].map((row) => JSON.stringify(row) + "\n").join("");
}

// Rows of labgrade.journal/1. A later schema adds a reader here and maps the old rows up.
function parseRow(line: string): ClassRow | null {
  let data: unknown;
  try {
    data = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const row = data as Partial<ClassRow>;
  if (row.schema !== JOURNAL_SCHEMA || typeof row.student !== "string" || typeof row.key !== "string" || !Array.isArray(row.steps)) return null;
  return row as ClassRow;
}
