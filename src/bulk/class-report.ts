import type { ClassReport, ClassRow } from "../model/class-row.ts";
import { rubricDigest } from "../lab/rubric-digest.ts";
import type { Step } from "../lab/steps.ts";
import { version } from "../version.ts";
import { sameWork } from "./same-work.ts";

// The class as its reports show it: rows sorted by student, each with the same-work signal.
export function classReport(rows: Iterable<ClassRow>, steps: readonly Step[], meta: { title: string; generatedAt: Date }): ClassReport {
  const sorted = [...rows].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  const same = sameWork(sorted);
  return {
    title: meta.title,
    generatedAt: meta.generatedAt.toISOString(),
    labgradeVersion: version(),
    steps: steps.map(({ id, title, points }) => ({ id, title, points })),
    rows: sorted.map((row) => ({ ...row, sameAs: same.get(row.student) ?? [] })),
    rubricDigest: rubricDigest(steps),
  };
}
