import type { Step } from "./lab.ts";
import type { Judged, StepResult } from "./result.ts";

/** A step's result with the points the rubric gives it: what every way of grading shows, watch's checklist too. */
export type Scored<R> = R & { id: string; title: string; kind: Step["kind"]; points: number; maxPoints: number };

// The one place points are given and added up: all of a step's points when it passed, none otherwise.
export function scoreSteps<R extends { status: string }>(steps: readonly Step[], resultOf: (step: Step) => R): { steps: Array<Scored<R>>; score: number; maxScore: number } {
  const scored = steps.map((step): Scored<R> => {
    const result = resultOf(step);
    return { ...result, id: step.id, title: step.title, kind: step.kind, maxPoints: step.points, points: result.status === "passed" ? step.points : 0 };
  });
  return { steps: scored, score: sum(scored.map((s) => s.points)), maxScore: maxScore(steps) };
}

export function score(steps: readonly Step[], results: Record<string, Judged>): { steps: StepResult[]; score: number; maxScore: number } {
  return scoreSteps(steps, (step) => {
    const result = results[step.id];
    if (!result) throw new Error(`No verdict for the step "${step.id}": the rubric and the lab disagree.`);
    return step.expect ? { ...result, expect: step.expect } : result;
  });
}

export const maxScore = (steps: readonly { points: number }[]): number => sum(steps.map((s) => s.points));

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
