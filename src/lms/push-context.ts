import { createHash } from "node:crypto";
import type { ClassReport } from "../model/class-row.ts";
import type { LmsMaximum } from "../reports/lms-maximum.ts";
import { type NotPushed, type PushLine, type PushTarget, toSend } from "./push-plan.ts";

/** A push as the command line set it up: the class, the journal, and what was asked. */
export interface PushContext {
  report: ClassReport;
  /** Each student's report (student-report.html) by the row's reportDir: the file attached to the grade. */
  reports: ReadonlyMap<string, string>;
  /** --yes: send the grades; without it, only read the LMS and show what would happen. */
  apply: boolean;
  force: boolean;
  scale: boolean;
  batchSize: number;
  journalFile: string;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** What the instructor should know as it happens (a push in flight resumed, a batch taken). */
  onNote: (text: string) => void;
  /** Shown the plan (the table) once it is made, before anything is sent. */
  onPlan: (outcome: PushOutcome) => void;
}

export interface PushOutcome {
  /** "Canvas" or "Moodle". */
  lms: string;
  /** The assignment as the LMS names it. */
  assignment: string;
  max: LmsMaximum;
  lines: PushLine[];
  notPushed: NotPushed[];
  /** Grades that went out and were taken. */
  pushed: number;
  /** Grades that went out and were not taken, with the LMS's words. */
  failed: NotPushed[];
}

export const digest = (text: string): string => `sha256:${createHash("sha256").update(text).digest("hex").slice(0, 16)}`;

export const rubricTotal = (report: ClassReport): number => report.steps.reduce((sum, s) => sum + s.points, 0);

export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** What became of one batch: the grades the LMS did not take, each with why (none: it took them all). */
export interface BatchResult {
  notTaken: Array<{ target: PushTarget; why: string }>;
}

// The grades to send, batch by batch, once the plan is shown: `send` puts one batch in the LMS and says which grades
// the LMS did not take, with its words. Counted into the outcome, told to the instructor as they go.
export async function pushInBatches(ctx: PushContext, outcome: PushOutcome, send: (batch: PushTarget[]) => Promise<BatchResult>): Promise<PushOutcome> {
  // The table first: a push killed or failing halfway has shown what it was doing.
  ctx.onPlan(outcome);
  const all = toSend(outcome.lines);
  for (const batch of batches(all, ctx.batchSize)) {
    const targets = batch.map((line) => line.target);
    const { notTaken } = await send(targets);
    outcome.pushed += targets.length - notTaken.length;
    outcome.failed.push(...notTaken.map(({ target, why }) => ({ student: target.row.student, why: `${target.name} (${outcome.lms} user ${target.userId}): ${why}` })));
    if (notTaken.length < targets.length) ctx.onNote(`${outcome.lms} took ${outcome.pushed} of ${all.length} grades`);
  }
  return outcome;
}
