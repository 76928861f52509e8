import type { ClassReportRow, SuspiciousPolicy } from "../model/class-row.ts";
import type { Fact, Step } from "../lab/lab.ts";
import { stepsInDoubt } from "../trust/steps-in-doubt.ts";

export const SUSPICIOUS_POLICIES: readonly SuspiciousPolicy[] = ["keep", "review", "zero"];

// Every fact an engine step may read: a step whose reads the rubric does not give (an older results file) is
// doubted by any reason.
const ANY_FACT: readonly Fact[] = ["engine", "containers", "logs", "images", "volumes", "networks"];

// What the instructor chose for a graded row whose evidence is suspicious (`--suspicious`), on the engine steps its
// reasons put in doubt (the steps reading the facts they touch; every engine step for a reason from an older row).
// keep: the points stay as judged, the row is flagged and those steps marked. review: those steps are held (their
// cells empty, never counted) and the row's status is review, with no total until the instructor decides. zero:
// those steps count 0. Only the reports change: the journal keeps every verdict as judged, so another choice on a
// later run needs no regrade.
export function applySuspicious(row: ClassReportRow, policy: SuspiciousPolicy, rubric: readonly Pick<Step, "id" | "kind" | "reads">[]): ClassReportRow {
  if (row.status !== "graded" || row.trust?.level !== "suspicious") return row;
  const kindOf = (id: string) => row.steps.find((s) => s.id === id)?.kind ?? rubric.find((s) => s.id === id)?.kind;
  const reading = row.steps.map((s) => ({ id: s.id, kind: kindOf(s.id) === "engine" ? ("engine" as const) : ("app" as const), reads: rubric.find((r) => r.id === s.id)?.reads ?? ANY_FACT }));
  const doubted = new Set(stepsInDoubt(row.trust, reading));
  if (doubted.size === 0) return row;
  const marked = row.steps.map((s) => (doubted.has(s.id) ? { ...s, inDoubt: true } : s));
  if (policy === "keep") return { ...row, steps: marked };
  if (policy === "review") return { ...row, status: "review", score: null, steps: marked.map((s) => (doubted.has(s.id) ? { ...s, held: "review" as const } : s)) };
  const zeroed = marked.map((s) => (doubted.has(s.id) ? { ...s, points: 0, held: "zero" as const } : s));
  return { ...row, steps: zeroed, score: zeroed.reduce((sum, s) => sum + s.points, 0) };
}
