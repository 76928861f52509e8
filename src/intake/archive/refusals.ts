import type { Entry } from "yauzl";
import { ArchiveRejected } from "./rejected.ts";

// The wording of each refusal, in one place: what was found, and what the student should do about it.

const LEAVE_OUT = "Leave large or generated files (data sets, virtual environments, build output) out of the hand-in and upload it again.";

export function unsafeEntry(stored: string, problem: string, mapped?: string): ArchiveRejected {
  const where = mapped === undefined ? `its name ${problem}` : `it would be unpacked to ${JSON.stringify(mapped)}, which ${problem}`;
  return new ArchiveRejected(
    "unsafe-name",
    `the archive entry ${JSON.stringify(stored)} is unsafe: ${where}. labgrade only unpacks files that stay inside the hand-in: zip the project folder itself and upload it again`,
  );
}

export function unreadableEntry(stored: string, entry: Entry): ArchiveRejected {
  if (entry.isEncrypted()) {
    return new ArchiveRejected(
      "unsupported",
      `the archive entry ${JSON.stringify(stored)} is password-protected: zip the folder again without a password and upload it again`,
    );
  }
  return new ArchiveRejected(
    "unsupported",
    `the archive entry ${JSON.stringify(stored)} is compressed with method ${entry.compressionMethod}, which labgrade cannot read: zip the folder again with the standard (Deflate) compression and upload it again`,
  );
}

// An entry whose own numbers give it away: too big, or expanding too many times.
export function bombEntry(stored: string, why: string): ArchiveRejected {
  return new ArchiveRejected("too-large", `zip bomb: ${JSON.stringify(stored)} ${why}. ${LEAVE_OUT}`);
}

// The hand-in as a whole went past its budget while `stored` was being unpacked.
export function zipOverBudget(stored: string, reason: string): ArchiveRejected {
  return new ArchiveRejected("too-large", `zip bomb: unpacking stopped at ${JSON.stringify(stored)}: the hand-in would hold ${reason}. ${LEAVE_OUT}`);
}

export function folderOverBudget(relativePath: string, reason: string): ArchiveRejected {
  return new ArchiveRejected(
    "too-large",
    `the hand-in is too large: copying stopped at ${JSON.stringify(relativePath)}: it would hold ${reason}. ${LEAVE_OUT}`,
  );
}

export function nestedTooDeep(zipName: string, maxDepth: number): ArchiveRejected {
  return new ArchiveRejected(
    "too-deep",
    `zips nested more than ${maxDepth} deep (${JSON.stringify(zipName)} is inside ${maxDepth} other zips): zip the project folder once, not zips of zips, and upload it again`,
  );
}
