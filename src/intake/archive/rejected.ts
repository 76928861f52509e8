/** Why a hand-in was refused: each is the student's to fix by uploading again. */
export type RejectCode = "damaged" | "unsafe-name" | "unsupported" | "too-large" | "too-deep" | "conflict";

// A hand-in labgrade refuses to open. It is the student's to fix, so `message` is written for them (what
// was found, what to do); `detail` keeps the zip library's own words for the grader.
export class ArchiveRejected extends Error {
  override readonly name = "ArchiveRejected";
  constructor(
    readonly code: RejectCode,
    message: string,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
