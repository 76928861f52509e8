import { InvalidArgumentError } from "commander";
import { SUSPICIOUS_POLICIES } from "../bulk/suspicious-policy.ts";
import type { SuspiciousPolicy } from "../model/class-row.ts";
import type { TrustOptions } from "../pipeline/grade-trust.ts";

/** `--require-evidence 2` and `--window START..END`, as commander hands them over. */
export interface TrustFlags {
  requireEvidence?: 1 | 2;
  window?: { start: Date; end: Date };
}

export function parseRequireEvidence(raw: string): 1 | 2 {
  if (raw === "1" || raw === "2") return Number(raw) as 1 | 2;
  throw new InvalidArgumentError(`Expected --require-evidence to be 1 or 2 (the evidence format a class accepts at the least), got "${raw}".`);
}

// The assignment's dates: two ISO dates or times, `2026-09-01..2026-09-14`. A date alone ends at the end of its
// day (UTC), so that the last day of the assignment is inside the window.
export function parseWindow(raw: string): { start: Date; end: Date } {
  const [from, to, ...rest] = raw.split("..");
  const usage = `Expected --window START..END with two ISO dates (2026-09-01..2026-09-14, or times 2026-09-01T08:00Z..2026-09-14T23:59Z); got "${raw}".`;
  if (!from || !to || rest.length > 0) throw new InvalidArgumentError(usage);
  const start = isoDate(from, false);
  const end = isoDate(to, true);
  if (!start || !end) throw new InvalidArgumentError(usage);
  if (end < start) throw new InvalidArgumentError(`Expected --window to start before it ends; ${from} is after ${to}.`);
  return { start, end };
}

function isoDate(text: string, endOfDay: boolean): Date | null {
  if (/^\d{4}-\d\d-\d\d$/.test(text)) return new Date(`${text}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}Z`);
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

export const trustOptions = (flags: TrustFlags): TrustOptions => ({ ...(flags.requireEvidence ? { requireFormat: flags.requireEvidence } : {}), ...(flags.window ? { window: flags.window } : {}) });

export function suspiciousPolicy(raw: string): SuspiciousPolicy {
  if ((SUSPICIOUS_POLICIES as readonly string[]).includes(raw)) return raw as SuspiciousPolicy;
  throw new InvalidArgumentError(`Expected --suspicious to be one of ${SUSPICIOUS_POLICIES.join(", ")}; got "${raw}".`);
}
