import { megabytes, MiB } from "./sizes.ts";

/** What one student's hand-in may unpack to, counted across every extraction and copy made of it. */
export interface ArchiveLimits {
  /** Bytes written in all. */
  maxTotalBytes: number;
  /** Files and folders created in all: an archive of empty folders costs as much as one of empty files. */
  maxFiles: number;
  /** Bytes written to any one file. */
  maxFileBytes: number;
  /** Uncompressed / compressed size of one entry, checked only above RATIO_FLOOR_BYTES. */
  maxRatio: number;
  /** How many zips deep a zip may be nested inside the hand-in. */
  maxDepth: number;
}

export const DEFAULT_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
  maxTotalBytes: 200 * MiB,
  maxFiles: 5_000,
  maxFileBytes: 100 * MiB,
  maxRatio: 200,
  maxDepth: 3,
});

// Small text files deflate far better than 200:1 (a 100 KB file of repeated lines is normal); below this
// size a high ratio costs nothing, so only entries above it are held to maxRatio.
const RATIO_FLOOR_BYTES = MiB;

// What one student's hand-in has cost so far. Every extraction, nested zip and folder copy of the same
// hand-in charges the same Budget, so nesting or splitting a bomb does not multiply the allowance.
// Bytes are charged as they are written, never from the sizes an archive claims.
export class Budget {
  readonly limits: Readonly<ArchiveLimits>;
  readonly #bytesPerFile = new Map<string, number>();
  #bytes = 0;

  constructor(limits: Partial<ArchiveLimits> = {}) {
    this.limits = Object.freeze({ ...DEFAULT_LIMITS, ...limits });
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Files and folders charged so far. */
  get files(): number {
    return this.#bytesPerFile.size;
  }

  // Charges `bytes` more to `file` (an absolute path; its first charge counts it as one more file, so charge
  // 0 when creating it). Returns why a limit is now crossed, or null; once crossed, every later charge says so.
  charge(file: string, bytes: number): string | null {
    const fileBytes = (this.#bytesPerFile.get(file) ?? 0) + bytes;
    this.#bytesPerFile.set(file, fileBytes);
    this.#bytes += bytes;
    const { maxFiles, maxFileBytes, maxTotalBytes } = this.limits;
    if (this.#bytesPerFile.size > maxFiles) return `more than ${maxFiles} files and folders`;
    if (fileBytes > maxFileBytes) return `more than ${megabytes(maxFileBytes)} uncompressed in one file`;
    if (this.#bytes > maxTotalBytes) return `more than ${megabytes(maxTotalBytes)} uncompressed in all`;
    return null;
  }
}

// Why an entry that expands from `compressed` to `uncompressed` bytes looks like a bomb, or null.
export function ratioProblem(limits: Readonly<ArchiveLimits>, uncompressed: number, compressed: number): string | null {
  if (uncompressed <= RATIO_FLOOR_BYTES) return null;
  const ratio = uncompressed / Math.max(compressed, 1);
  if (ratio <= limits.maxRatio) return null;
  return (
    `expands ${Math.round(ratio)} times (${megabytes(uncompressed)} from ${megabytes(compressed)} compressed); ` +
    `files over ${megabytes(RATIO_FLOOR_BYTES)} may expand at most ${limits.maxRatio} times`
  );
}
