import { expect, inject, it } from "vitest";
import type { StepId } from "../src/rubric/steps.ts";

// One lab step as a test: it passes when the step passed, and fails with the grader's message and hint.
export function gradeStep(id: StepId): void {
  const report = inject("gradeReport");
  const step = report.steps.find((s) => s.id === id);
  if (!step) throw new Error(`The grade has no step "${id}".`);
  it(`${id}: ${step.title} (${step.maxPoints} pts)`, (ctx) => {
    if (step.status === "skipped") ctx.skip(step.message);
    const text = [step.message, step.hint ? `→ ${step.hint}` : ""].filter(Boolean).join("\n");
    if (step.status === "error") throw new Error(`labgrade could not judge this step (not your mistake): ${text}`);
    expect(step.status, text).toBe("passed");
  });
}
