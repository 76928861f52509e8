import path from "node:path";
import { ArchiveRejected } from "./rejected.ts";

// yauzl reports a malformed archive with plain Errors (zlib's carry a Z_* code); the operating system's own
// failures carry a syscall. Only the former are the student's to fix; a full disk is labgrade's problem.
function isSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === "string";
}

function damaged(zipPath: string, error: unknown): ArchiveRejected {
  const detail = error instanceof Error ? error.message : String(error);
  const shown = detail.length > 160 ? `${detail.slice(0, 160)}…` : detail;
  return new ArchiveRejected(
    "damaged",
    `the archive ${JSON.stringify(path.basename(zipPath))} is damaged or truncated (${shown}): zip the folder again and upload it again`,
    detail,
    { cause: error },
  );
}

// An error met while reading a zip, as it should be thrown: the archive's faults as ArchiveRejected, system
// errors (and our own refusals) unchanged.
export function archiveFault(zipPath: string, error: unknown): unknown {
  return error instanceof ArchiveRejected || isSystemError(error) ? error : damaged(zipPath, error);
}

// Awaits a yauzl call, turning the archive's faults into ArchiveRejected.
export async function readingZip<T>(zipPath: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw archiveFault(zipPath, error);
  }
}
