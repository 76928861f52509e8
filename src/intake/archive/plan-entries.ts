import type { Entry, ZipFile } from "yauzl";
import { ratioProblem, type ArchiveLimits } from "./budget.ts";
import { isFolderName, isLinkEntry } from "./entry-kind.ts";
import { safeSegments, slashName, storedName } from "./entry-name.ts";
import { bombEntry, unreadableEntry, unsafeEntry, zipOverBudget } from "./refusals.ts";
import { megabytes } from "./sizes.ts";
import { readingZip } from "./zip-errors.ts";

/** Maps an entry's name (forward slashes) to where it lands under the destination, or null to skip it. */
export type SelectEntry = (name: string) => string | null;

export type PlannedEntry =
  | { kind: "folder"; stored: string; segments: string[] }
  | { kind: "file"; stored: string; segments: string[]; entry: Entry };

export interface ZipPlan {
  entries: PlannedEntry[];
  /** Destination-relative paths of the link entries left out. */
  skippedLinks: string[];
}

// Reads the whole central directory before anything is written, so an unsafe name, a password, an unknown
// compression method, a header that admits to a bomb or too many files refuses the archive with nothing on
// disk. Entries `select` skips are not judged: one student's odd name must not block a class export.
export async function planEntries(
  zip: ZipFile,
  zipPath: string,
  limits: Readonly<ArchiveLimits>,
  select: SelectEntry,
  filesAlready: number,
  signal?: AbortSignal,
): Promise<ZipPlan> {
  const plan: ZipPlan = { entries: [], skippedLinks: [] };
  const entries = zip.eachEntry();
  for (;;) {
    signal?.throwIfAborted();
    const next = await readingZip(zipPath, entries.next());
    if (next.done === true) return plan;
    const entry = next.value;
    const stored = storedName(entry);
    const name = slashName(stored);
    const mapped = select(name);
    if (mapped === null) continue;
    const segments = checkedSegments(stored, name, mapped);
    if (isLinkEntry(entry)) {
      plan.skippedLinks.push(segments.join("/"));
    } else if (isFolderName(name)) {
      if (segments.length > 0) plan.entries.push({ kind: "folder", stored, segments });
    } else {
      if (segments.length === 0) throw unsafeEntry(stored, "names no file");
      checkFileHeader(entry, stored, limits);
      plan.entries.push({ kind: "file", stored, segments, entry });
    }
    if (filesAlready + plan.entries.length > limits.maxFiles) {
      throw zipOverBudget(stored, `more than ${limits.maxFiles} files and folders`);
    }
  }
}

function checkedSegments(stored: string, name: string, mapped: string): string[] {
  const own = safeSegments(name);
  if (!own.ok) throw unsafeEntry(stored, own.problem);
  if (mapped === name) return own.segments;
  const target = safeSegments(slashName(mapped));
  if (!target.ok) throw unsafeEntry(stored, target.problem, mapped);
  return target.segments;
}

// The header's sizes are checked here only to refuse early; the bytes actually streamed are what the
// budget counts (extract-zip.ts), and yauzl's validateEntrySizes holds the stream to the header.
function checkFileHeader(entry: Entry, stored: string, limits: Readonly<ArchiveLimits>): void {
  if (!entry.canDecodeFileData()) throw unreadableEntry(stored, entry);
  // The ratio first: a few hundred KB claiming hundreds of MB is the surer sign of a bomb.
  const ratio = ratioProblem(limits, entry.uncompressedSize, entry.compressedSize);
  if (ratio !== null) throw bombEntry(stored, ratio);
  if (entry.uncompressedSize > limits.maxFileBytes) {
    throw bombEntry(stored, `is ${megabytes(entry.uncompressedSize)} uncompressed, more than the ${megabytes(limits.maxFileBytes)} allowed for one file`);
  }
}
