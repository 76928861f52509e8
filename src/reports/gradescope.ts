import { escapeHtml } from "./escape-html.ts";
import type { GradeReport, StepResult } from "../lab/result.ts";
import { studentEvidenceLine } from "./evidence-words.ts";
import type { Audience } from "./html.ts";

const NOT_YOURS = "Gradescope shows it as failed because it knows only passed and failed; it was not judged as your mistake.";
/** When a test, and labgrade's stdout, are shown to students (Gradescope's own four values). */
export const GRADESCOPE_VISIBILITIES = ["visible", "after_due_date", "after_published", "hidden"] as const;
export type GradescopeVisibility = (typeof GRADESCOPE_VISIBILITIES)[number];
/** The plot is shown in the plot step's output up to this size; a larger PNG is named, not embedded. */
const MAX_EMBEDDED_PNG = 2 * 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface GradescopeOptions {
  /** Every test's visibility, and stdout's (both default to visible: labgrade's stdout holds the same verdicts). */
  visibility?: GradescopeVisibility;
  /** How the app was built and run without an engine, and which bounds were not applied; null with an engine. */
  withoutEngine?: string | null;
  /** student (default): Gradescope's own file, what students see; instructor: bulk's copy, with the evidence's trust and reasons. */
  audience?: Audience;
}

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

// The plot step as HTML, with the figure the app drew as an image: Gradescope renders a test's output as HTML
// when its output_format says so. Student text is escaped; the image is a data: URI of a checked PNG.
function plotOutput(step: StepResult, report: GradeReport): { output: string; output_format: "html" } | null {
  const plot = report.app?.plots.find((p) => p.pngBase64 !== null && BASE64.test(p.pngBase64));
  if (!plot?.pngBase64) return null;
  const text = `<pre>${escapeHtml(output(step))}</pre>`;
  if (plot.pngBase64.length > (MAX_EMBEDDED_PNG * 4) / 3) return { output: `${text}<p>The app's figure ${plot.figure} is too large to show here; it is in report.html.</p>`, output_format: "html" };
  return { output: `${text}<p>The app's figure ${plot.figure} (${escapeHtml(plot.trigger)}):</p><img alt="The figure the app drew" style="max-width: 100%" src="data:image/png;base64,${plot.pngBase64}">`, output_format: "html" };
}

// Gradescope's autograder results.json (https://gradescope-autograders.readthedocs.io/en/latest/specs/).
export function renderGradescope(report: GradeReport, options: GradescopeOptions = {}): string {
  const visibility = options.visibility ?? "visible";
  const unjudged = report.steps.filter((s) => s.status === "error").length;
  const notHere = report.steps.filter((s) => s.status === "skipped").length;
  const summary = [
    `labgrade ${report.labgradeVersion}: ${report.score}/${report.maxScore} for ${report.submission.name}.`,
    ...(unjudged > 0 ? [`${unjudged} step(s) could not be judged by labgrade; they are not your mistakes.`] : []),
    ...(notHere > 0 ? [`${notHere} step(s) were not judged here.`] : []),
    ...(options.withoutEngine ? [options.withoutEngine] : []),
    ...(studentEvidenceLine(report.trust) ? [studentEvidenceLine(report.trust)!] : []),
  ].join("\n");
  // The reasons are the instructor's alone: a student's results.json (its output and extra_data) never holds them.
  const trust = options.audience === "instructor" && report.trust ? { trust: report.trust } : {};
  const results = {
    score: report.score,
    execution_time: Math.round(report.timings.totalMs / 1000),
    output: summary,
    output_format: "text",
    visibility,
    stdout_visibility: visibility,
    // Gradescope's format has no top-level maximum; keep ours for whoever reads the file.
    extra_data: { maxScore: report.maxScore, labgradeVersion: report.labgradeVersion, evidence: report.evidence, withoutEngine: Boolean(options.withoutEngine), ...trust },
    tests: report.steps.map((step, i) => ({
      name: step.title,
      number: String(i + 1),
      score: step.points,
      max_score: step.maxPoints,
      status: step.status === "passed" ? "passed" : "failed",
      ...((step.expect === "plot" ? plotOutput(step, report) : null) ?? { output: output(step), output_format: "text" }),
      tags: [step.id],
      // Gradescope keeps a test's extra_data; labgrade's own verdict tells a step not judged from one the student failed.
      extra_data: { step: step.id, status: step.status },
      visibility,
    })),
  };
  return JSON.stringify(results, null, 2) + "\n";
}
