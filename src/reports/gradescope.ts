import type { GradeReport, StepResult } from "./model.ts";

const NOT_YOURS = "Gradescope shows it as failed because it knows only passed and failed; it was not judged as your mistake.";

function output(step: StepResult): string {
  const hint = step.hint ? `\n\nHint: ${step.hint}` : "";
  switch (step.status) {
    case "passed":
      return step.message;
    case "failed":
      return step.message + hint;
    case "error":
      return `labgrade could not judge this step: ${step.message}\nThis is a problem with labgrade or the machine that ran it, not with your work. ${NOT_YOURS}${hint}`;
    case "skipped":
      return `labgrade did not judge this step (skipped): ${step.message}\n${NOT_YOURS}${hint}`;
  }
}

// Gradescope's autograder results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
export function renderGradescope(report: GradeReport): string {
  const unjudged = report.steps.filter((s) => s.status === "error").length;
  const summary = [
    `labgrade ${report.labgradeVersion}: ${report.score}/${report.maxScore} for ${report.submission.name}.`,
    ...(unjudged > 0 ? [`${unjudged} step(s) could not be judged by labgrade; they are not your mistakes.`] : []),
  ].join("\n");
  const results = {
    score: report.score,
    execution_time: Math.round(report.timings.totalMs / 1000),
    output: summary,
    // Gradescope's format has no top-level maximum; keep ours for whoever reads the file.
    extra_data: { maxScore: report.maxScore, labgradeVersion: report.labgradeVersion, evidence: report.evidence },
    tests: report.steps.map((step, i) => ({
      name: step.title,
      number: String(i + 1),
      score: step.points,
      max_score: step.maxPoints,
      status: step.status === "passed" ? "passed" : "failed",
      output: output(step),
      tags: [step.id],
    })),
  };
  return JSON.stringify(results, null, 2) + "\n";
}
