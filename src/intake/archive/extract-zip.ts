import { rm } from "node:fs/promises";
import type { ZipFile } from "yauzl";
import { ratioProblem, type Budget } from "./budget.ts";
import { Destination } from "./destination.ts";
import { openZip } from "./open-zip.ts";
import { planEntries, type PlannedEntry, type SelectEntry } from "./plan-entries.ts";
import { bombEntry, zipOverBudget } from "./refusals.ts";
import { SourceFailed, writeLimited } from "./write-limited.ts";
import { archiveFault, readingZip } from "./zip-errors.ts";

export interface ExtractResult {
  /** Regular files written. */
  files: number;
  /** Bytes written to them. */
  bytes: number;
  /** Destination-relative paths of links found and not created. */
  skippedLinks: string[];
}

export interface ExtractOptions {
  /** Picks and renames entries: e.g. one student's folder of a class export, its prefix stripped. */
  select?: SelectEntry;
  /** Stops the extraction (with the signal's reason) and removes the file being written. */
  signal?: AbortSignal;
}

type PlannedFile = Extract<PlannedEntry, { kind: "file" }>;

// Unpacks an untrusted zip into destDir, charging `budget`. Every name is checked before anything is
// written; files are created new (mode 0644; a duplicate name keeps the first), links are never made,
// and a file that crosses a limit while streaming is deleted before the ArchiveRejected is thrown.
export async function extractZip(zipPath: string, destDir: string, budget: Budget, options: ExtractOptions = {}): Promise<ExtractResult> {
  const { select = (name: string) => name, signal } = options;
  signal?.throwIfAborted();
  const zip = await openZip(zipPath);
  try {
    const plan = await planEntries(zip, zipPath, budget.limits, select, budget.files, signal);
    const destination = await Destination.open(destDir, (file, relative) => {
      const reason = budget.charge(file, 0);
      if (reason !== null) throw zipOverBudget(relative, reason);
    });
    const result: ExtractResult = { files: 0, bytes: 0, skippedLinks: plan.skippedLinks };
    for (const planned of plan.entries) {
      signal?.throwIfAborted();
      if (planned.kind === "folder") {
        await destination.folder(planned.segments);
        continue;
      }
      const written = await extractFile(zip, zipPath, planned, destination, budget, signal);
      if (written === null) continue;
      result.files += 1;
      result.bytes += written;
    }
    return result;
  } finally {
    zip.close();
  }
}

// Null when the name was already taken (a duplicate entry).
async function extractFile(
  zip: ZipFile,
  zipPath: string,
  planned: PlannedFile,
  destination: Destination,
  budget: Budget,
  signal: AbortSignal | undefined,
): Promise<number | null> {
  const file = await destination.newFile(planned.segments);
  if (file === null) return null;
  let complete = false;
  try {
    const source = await readingZip(zipPath, zip.openReadStreamPromise(planned.entry));
    let streamed = 0;
    const written = await writeLimited(
      source,
      file.handle,
      (bytes) => {
        streamed += bytes;
        const overBudget = budget.charge(file.path, bytes);
        if (overBudget !== null) throw zipOverBudget(planned.stored, overBudget);
        const ratio = ratioProblem(budget.limits, streamed, planned.entry.compressedSize);
        if (ratio !== null) throw bombEntry(planned.stored, ratio);
      },
      signal,
    );
    complete = true;
    return written;
  } catch (error) {
    throw error instanceof SourceFailed ? archiveFault(zipPath, error.error) : error;
  } finally {
    await file.handle.close();
    if (!complete) await rm(file.path, { force: true });
  }
}
