import { type ClassRow, JOURNAL_SCHEMA } from "../model/class-row.ts";
import type { GradeReport } from "../lab/result.ts";
import { maxScore } from "../lab/score.ts";
import type { Step } from "../lab/lab.ts";
import type { LmsIdentity } from "../intake/lms-identity.ts";
import { rubricDigest } from "../lab/rubric-digest.ts";
import { version } from "../version.ts";

/** Who handed in what, as the export names them. */
export interface Student {
  student: string;
  name: string;
  late: boolean;
  entries: string[];
  identity?: LmsIdentity;
}

export interface RowContext {
  key: string;
  contentHash: string;
  handout: boolean;
  reportDir: string | null;
  plot: string | null;
  now?: Date;
}

// A graded submission's row: graded when every step was judged; otherwise an error row that keeps what
// was judged but has no total (never counted as zero).
export function rowFromReport(who: Student, report: GradeReport, ctx: RowContext): ClassRow {
  const unjudged = report.steps.filter((s) => s.status === "error");
  return {
    ...base(who, ctx),
    rubric: rubricDigest(report.steps.map((s) => ({ id: s.id, points: s.maxPoints }))),
    status: unjudged.length ? "error" : "graded",
    reason: unjudged.length ? `labgrade could not judge ${unjudged.map((s) => s.id).join(", ")}: ${unjudged[0]!.message}` : null,
    steps: report.steps.map((s) => ({ id: s.id, title: s.title, kind: s.kind, status: s.status, points: s.points, maxPoints: s.maxPoints, message: s.message, ...(s.hint ? { hint: s.hint } : {}) })),
    score: unjudged.length ? null : report.score,
    maxScore: report.maxScore,
    signals: { containerIds: report.fingerprint?.containerIds ?? [], contentHash: ctx.contentHash, handout: ctx.handout, ...(report.fingerprint?.evidence ? { evidence: report.fingerprint.evidence } : {}) },
    ...(report.trust ? { trust: report.trust } : {}),
    ...(report.lab ? { lab: report.lab } : {}),
  };
}

// A hand-in that could not be opened (a damaged archive, a zip bomb, an escape attempt): the student's upload.
export function rejectedRow(who: Student, reason: string, steps: readonly Step[], now = new Date()): ClassRow {
  return { ...base(who, { key: "", contentHash: "", handout: false, reportDir: null, plot: null, now }), rubric: rubricDigest(steps), status: "rejected", reason, steps: [], score: null, maxScore: maxScore(steps), signals: { containerIds: [], contentHash: "", handout: false } };
}

// labgrade failed (after its retries) before any report: nothing was judged, nothing is counted.
export function errorRow(who: Student, reason: string, steps: readonly Step[], ctx: Partial<RowContext> = {}): ClassRow {
  return {
    ...base(who, { key: ctx.key ?? "", contentHash: ctx.contentHash ?? "", handout: false, reportDir: null, plot: null, ...(ctx.now ? { now: ctx.now } : {}) }),
    rubric: rubricDigest(steps),
    status: "error",
    reason,
    steps: [],
    score: null,
    maxScore: maxScore(steps),
    // Nothing was judged, not even whether this is the handout's app: no same-work signal from it.
    signals: { containerIds: [], contentHash: "", handout: false },
  };
}

function base(who: Student, ctx: RowContext) {
  return {
    schema: JOURNAL_SCHEMA,
    student: who.student,
    name: who.name,
    entry: who.entries.join(" + "),
    late: who.late,
    reportDir: ctx.reportDir,
    plot: ctx.plot,
    key: ctx.key,
    gradedAt: (ctx.now ?? new Date()).toISOString(),
    labgrade: version(),
    ...(who.identity ? { identity: who.identity } : {}),
  } as const;
}

