import path from "node:path";
import { type HeldLock, type LockHolder, readLockFile, takeLock } from "../lock/index.ts";

export const OUTPUT_LOCK_FILE = "labgrade.lock";

export interface OutputLockOptions {
  wait?: boolean;
  forceUnlock?: boolean;
  signal?: AbortSignal;
  onNote?: (text: string) => void;
}

// A class's output folder has one writer: `labgrade bulk` and `labgrade merge` hold this lock while they
// write its journal, reports and gradebook.
export function lockOutput(outDir: string, command: string, options: OutputLockOptions = {}): Promise<HeldLock> {
  return takeLock(path.join(outDir, OUTPUT_LOCK_FILE), { command, guards: outDir, ...options });
}

// Who is writing to a folder now, if anyone says so (merge warns of a shard still being graded).
export async function outputWriter(outDir: string): Promise<LockHolder | null> {
  const seen = await readLockFile(path.join(outDir, OUTPUT_LOCK_FILE)).catch(() => null);
  return seen?.kind === "held" ? seen.holder : null;
}
