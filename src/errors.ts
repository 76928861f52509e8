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

export function isHarnessError(error: unknown): error is HarnessError {
  return error instanceof HarnessError;
}

// The grade was stopped from outside (Ctrl-C, SIGTERM, a parent that went away): not a result of any kind.
export function cancelled(signal: AbortSignal): HarnessError {
  const why = signal.reason instanceof Error ? signal.reason.message : typeof signal.reason === "string" ? signal.reason : "stopped";
  return new HarnessError("CANCELLED", `Grading was cancelled (${why}).`);
}
