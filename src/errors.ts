// A failure of labgrade or of the machine it runs on, never of the student's work.
// Student mistakes are data (a Verdict); this is an exception, reported as an error and never graded.
export type HarnessErrorCode =
  | "ENGINE_UNREACHABLE"
  | "ENGINE_FAILED"
  /** testcontainers talks to another engine than the one graded: the app is not run anywhere. */
  | "ENGINE_MISMATCH"
  | "IMAGE_UNAVAILABLE"
  | "TOOL_MISSING"
  | "BAD_INPUT"
  | "TIMEOUT"
  /** Another labgrade process holds what this one would write (an output folder, a cache). */
  | "LOCKED"
  /** A lab's own TypeScript check threw or returned something that is no verdict: the lab's to fix, not the student's. */
  | "LAB_CHECK_FAILED"
  /** An LMS's API refused or failed a request (`labgrade push`): nothing about a student's grade. */
  | "LMS_FAILED"
  | "CANCELLED";

export class HarnessError extends Error {
  override readonly name = "HarnessError";
  constructor(
    readonly code: HarnessErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * How a step that can fail says so when failing is a result, not an exception (a build, a venv, opening a hand-in,
 * a grade after its retries): the engine's or labgrade's words, and the code when the failure was labgrade's or the
 * engine's. Without a code it is the student's (a Dockerfile that does not build, an archive that cannot be opened).
 */
export interface Failure {
  ok: false;
  error: string;
  code?: HarnessErrorCode;
}

export const isFailure = (value: unknown): value is Failure => (value as Partial<Failure> | null)?.ok === false;

export const harnessFailure = (error: unknown, code: HarnessErrorCode = "ENGINE_FAILED"): Failure => ({ ok: false, error: error instanceof Error ? error.message : String(error), code: isHarnessError(error) ? error.code : code });

export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError;
}

// The grade was stopped from outside (Ctrl-C, SIGTERM, a parent that went away): not a result of any kind.
export function cancelled(signal: AbortSignal): HarnessError {
  const why = signal.reason instanceof Error ? signal.reason.message : typeof signal.reason === "string" ? signal.reason : "stopped";
  return new HarnessError("CANCELLED", `Grading was cancelled (${why}).`);
}
