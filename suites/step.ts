import { inject, it } from "vitest";

// A failure that reads as the grader's message: no assertion diff or code frame of labgrade's own.
function stepFailure(title: string, text: string): Error {
  const error = new Error(text);
  error.name = title;
  error.stack = `${title}: ${text}`;
  return error;
}

// One lab step as a test: it passes when the step passed, and fails with the grader's message and hint.
export function gradeStep(id: string): void {
  const report = inject("gradeReport");
  const step = report.steps.find((s) => s.id === id);
  if (!step) throw new Error(`The grade has no step "${id}".`);
  it(`${id}: ${step.title} (${step.maxPoints} pts)`, (ctx) => {
    if (step.status === "skipped") ctx.skip(step.message);
    const text = [step.message, step.hint ? `→ ${step.hint}` : ""].filter(Boolean).join("\n");
    if (step.status === "error") throw stepFailure("labgrade could not judge this step (not your mistake)", text);
    if (step.status !== "passed") throw stepFailure(`${id} failed (0/${step.maxPoints} pts)`, text);
  });
}
