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
}

export const passed = (message: string, details?: string): CheckResult => ({ status: "passed", message, ...(details ? { details } : {}) });
export const failed = (message: string, hint?: string, details?: string): CheckResult => ({ status: "failed", message, ...(hint ? { hint } : {}), ...(details ? { details } : {}) });
export const harnessError = (message: string, details?: string): CheckResult => ({ status: "error", message, ...(details ? { details } : {}) });
