import type { Judged, StepResult } from "./result.ts";
import type { Step, StepId } from "./steps.ts";

/** A step's result with the points the rubric gives it: what every way of grading shows, watch's checklist too. */
export type Scored<R> = R & { id: StepId; title: string; kind: Step["kind"]; points: number; maxPoints: number };

// The one place points are given and added up: all of a step's points when it passed, none otherwise.
export function scoreSteps<R extends { status: string }>(steps: readonly Step[], resultOf: (step: Step) => R): { steps: Array<Scored<R>>; score: number; maxScore: number } {
  const scored = steps.map((step): Scored<R> => {
    const result = resultOf(step);
    return { ...result, id: step.id, title: step.title, kind: step.kind, maxPoints: step.points, points: result.status === "passed" ? step.points : 0 };
  });
  return { steps: scored, score: sum(scored.map((s) => s.points)), maxScore: maxScore(steps) };
}

export function score(steps: readonly Step[], results: Record<StepId, Judged>): { steps: StepResult[]; score: number; maxScore: number } {
  return scoreSteps(steps, (step) => results[step.id]);
}

export const maxScore = (steps: readonly { points: number }[]): number => sum(steps.map((s) => s.points));

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
