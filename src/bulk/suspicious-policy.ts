import type { ClassReportRow, SuspiciousPolicy } from "../model/class-row.ts";
import type { Step } from "../lab/lab.ts";

export const SUSPICIOUS_POLICIES: readonly SuspiciousPolicy[] = ["keep", "review", "zero"];

// What the instructor chose for a graded row whose evidence is suspicious (`--suspicious`). keep: the points stay as
// judged and the row is flagged. review: the engine steps are held (their cells empty, never counted) and the row's
// status is review, with no total until the instructor decides. zero: the engine steps count 0. Only the reports
// change: the journal keeps every verdict as judged, so another choice on a later run needs no regrade.
export function applySuspicious(row: ClassReportRow, policy: SuspiciousPolicy, rubric: readonly Pick<Step, "id" | "kind">[]): ClassReportRow {
  if (policy === "keep" || row.status !== "graded" || row.trust?.level !== "suspicious") return row;
  const isEngineStep = (id: string) => (row.steps.find((s) => s.id === id)?.kind ?? rubric.find((s) => s.id === id)?.kind) === "engine";
  if (policy === "review") return { ...row, status: "review", score: null, steps: row.steps.map((s) => (isEngineStep(s.id) ? { ...s, held: "review" as const } : s)) };
  const steps = row.steps.map((s) => (isEngineStep(s.id) ? { ...s, points: 0, held: "zero" as const } : s));
  return { ...row, steps, score: steps.reduce((sum, s) => sum + s.points, 0) };
}
