import type { HarnessErrorCode } from "../errors.ts";

// A check's judgement of one lab step, before the rubric gives it points.
// "failed" is the student's mistake; "error" means labgrade itself could not judge (never the student's fault).
export type StepStatus = "passed" | "failed" | "error" | "skipped";

export interface CheckResult {
  status: StepStatus;
  /** What was expected and what was found. */
  message: string;
  /** What to do about it, for the student. */
  hint?: string;
  /** The grader's debugging detail, kept apart from the student's hint. */
  details?: string;
  /** Where the failure is, when it has a place: relative to the app's folder (the one with the Dockerfile). */
  location?: Location;
  /** With status "error": labgrade's own failure code (ENGINE_FAILED, TIMEOUT …), kept to the report. */
  errorCode?: HarnessErrorCode;
}

/** A file of the submission's app folder and, when known, its 1-based line, as the student's editor shows it. */
export interface Location {
  file: string;
  line?: number;
}

export const passed = (message: string, details?: string): CheckResult => ({ status: "passed", message, ...(details ? { details } : {}) });
export const failed = (message: string, hint?: string, details?: string): CheckResult => ({ status: "failed", message, ...(hint ? { hint } : {}), ...(details ? { details } : {}) });
export const at = (file: string, line?: number | null): Location => (line ? { file, line } : { file });
export const located = (result: CheckResult, location: Location | null | undefined): CheckResult => (location ? { ...result, location } : result);
export const harnessError = (message: string, details?: string, errorCode?: HarnessErrorCode): CheckResult => ({ status: "error", message, ...(details ? { details } : {}), ...(errorCode ? { errorCode } : {}) });
