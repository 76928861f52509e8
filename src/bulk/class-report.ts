import type { ClassReport, ClassRow, SuspiciousPolicy } from "../model/class-row.ts";
import { rubricDigest } from "../lab/rubric-digest.ts";
import type { Step } from "../lab/lab.ts";
import type { LabRef } from "../lab/result.ts";
import { assessClassSignals } from "../trust/assess-class.ts";
import { withClassReasons } from "../trust/class-trust.ts";
import { version } from "../version.ts";
import { sameWork } from "./same-work.ts";
import { applySuspicious } from "./suspicious-policy.ts";

export interface ClassReportMeta {
  title: string;
  generatedAt: Date;
  /** `--suspicious`: what a row whose evidence is suspicious shows (default keep: the points as judged, flagged). */
  suspicious?: SuspiciousPolicy;
  /** The lab the class did. */
  lab?: LabRef;
}

// The class as its reports show it: rows sorted by student, each with the same-work signal, the class's trust
// reasons joined to the student's own, and the instructor's choice for suspicious evidence applied.
export function classReport(rows: Iterable<ClassRow>, steps: readonly Step[], meta: ClassReportMeta): ClassReport {
  const sorted = [...rows].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  const same = sameWork(sorted);
  const classReasons = assessClassSignals(sorted.flatMap((r) => (r.signals.evidence ? [{ student: r.student, signals: r.signals.evidence }] : [])));
  return {
    title: meta.title,
    generatedAt: meta.generatedAt.toISOString(),
    labgradeVersion: version(),
    ...(meta.lab ? { lab: meta.lab } : {}),
    steps: steps.map(({ id, title, points, kind }) => ({ id, title, points, kind })),
    rows: sorted.map((row) => {
      const trust = row.trust ? withClassReasons(row.trust, classReasons.get(row.student) ?? []) : undefined;
      return applySuspicious({ ...row, sameAs: same.get(row.student) ?? [], ...(trust ? { trust } : {}) }, meta.suspicious ?? "keep", steps);
    }),
    rubricDigest: rubricDigest(steps),
  };
}
