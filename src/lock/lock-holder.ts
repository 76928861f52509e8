import { readFile } from "node:fs/promises";

export const LOCK_SCHEMA = "labgrade.lock/1";

/** Who holds a lock: written whole before the lock file appears, so a reader never sees half of it. */
export interface LockHolder {
  schema: typeof LOCK_SCHEMA;
  /** What is writing, as its user typed it: `labgrade bulk`. */
  command: string;
  pid: number;
  host: string;
  startedAt: string;
  /** The process's start as the kernel counts it (Linux), so a reused pid is not taken for the holder. */
  processStart: string | null;
  /** This holder's own mark: only it releases the lock, and a take-over removes only the lock it judged. */
  token: string;
}

/** What a lock file shows: nobody, a holder, or a file this version cannot read (another version's). */
export type LockFile = { kind: "free" } | { kind: "held"; holder: LockHolder } | { kind: "unknown"; text: string };

export async function readLockFile(file: string): Promise<LockFile> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (text === null) return { kind: "free" };
  try {
    const data = JSON.parse(text) as Partial<LockHolder>;
    if (data.schema === LOCK_SCHEMA && typeof data.pid === "number" && typeof data.host === "string" && typeof data.token === "string") return { kind: "held", holder: data as LockHolder };
  } catch {
    // not JSON: another program's file, or a later version's
  }
  return { kind: "unknown", text: text.slice(0, 200) };
}
