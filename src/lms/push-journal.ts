import { appendFile, readFile } from "node:fs/promises";

/**
 * One line of the push journal (push-canvas.jsonl, push-moodle.jsonl in the class folder): what was sent to which
 * assignment, so a push stopped halfway goes on where it stopped. Never holds a token.
 */
export interface PushJournalEntry {
  schema: "labgrade.push/1";
  /** The LMS's address, course and assignment: a journal serves one assignment's pushes, whatever else it holds. */
  assignment: string;
  user: string;
  /** file: the report was uploaded (Canvas: its file id). sent: the grade went out. done: the LMS took it. */
  phase: "file" | "sent" | "done";
  grade?: number;
  /** The report's digest and the LMS's id for the uploaded copy. */
  file?: { digest: string; id: string };
  /** Canvas: the Progress of the update_grades request that carried the grade. */
  progress?: string;
  at: string;
}

export interface PushJournal {
  /** When labgrade last saw each user's grade taken, and the grade (absent in a resumed batch's record). */
  done: Map<string, { at: Date; grade?: number }>;
  /** Canvas: grades sent whose Progress was not seen finished, by progress id. */
  pending: Map<string, string[]>;
  /** Uploaded reports, by user: reused when the report has not changed. */
  files: Map<string, { digest: string; id: string }>;
}

export async function readPushJournal(file: string, assignment: string): Promise<PushJournal> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? "" : Promise.reject(error)));
  const journal: PushJournal = { done: new Map(), pending: new Map(), files: new Map() };
  for (const line of text.split("\n")) {
    // A line cut short by a kill is skipped: what it recorded is read from the LMS again.
    const entry = parse(line);
    if (!entry || entry.assignment !== assignment) continue;
    if (entry.phase === "file" && entry.file) journal.files.set(entry.user, entry.file);
    if (entry.phase === "sent" && entry.progress) journal.pending.set(entry.progress, [...(journal.pending.get(entry.progress) ?? []), entry.user]);
    if (entry.phase === "done") {
      journal.done.set(entry.user, { at: new Date(entry.at), ...(entry.grade !== undefined ? { grade: entry.grade } : {}) });
      if (entry.progress) journal.pending.delete(entry.progress);
    }
  }
  return journal;
}

function parse(line: string): PushJournalEntry | null {
  try {
    const entry = JSON.parse(line) as PushJournalEntry;
    return entry.schema === "labgrade.push/1" ? entry : null;
  } catch {
    return null;
  }
}

// Appended whole lines, one write per batch, before and after each request.
export async function appendPushJournal(file: string, entries: ReadonlyArray<Omit<PushJournalEntry, "schema" | "at">>, at: Date): Promise<void> {
  if (entries.length === 0) return;
  await appendFile(file, entries.map((e) => `${JSON.stringify({ schema: "labgrade.push/1", ...e, at: at.toISOString() })}\n`).join(""));
}
