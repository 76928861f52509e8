import type { CheckResult } from "../checks/check-result.ts";
import type { StepResult } from "../reports/model.ts";
import type { Step, StepId } from "./steps.ts";

// Gives each step its points: all of them when it passed, none otherwise. Sums the total.
export function score(steps: readonly Step[], results: Record<StepId, CheckResult>): { steps: StepResult[]; score: number; maxScore: number } {
  const scored = steps.map((step): StepResult => {
    const result = results[step.id];
    return { id: step.id, title: step.title, maxPoints: step.points, points: result.status === "passed" ? step.points : 0, ...result };
  });
  return { steps: scored, score: sum(scored.map((s) => s.points)), maxScore: sum(steps.map((s) => s.points)) };
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
