import pc from "picocolors";
import type { StepStatus } from "../lab/check-result.ts";
import type { GradeReport, StepResult } from "../lab/result.ts";
import { studentEvidenceLine } from "./evidence-words.ts";
import { showControls } from "./show-controls.ts";

const MARKS: Record<StepStatus, string> = { passed: "pass ", failed: "FAIL ", error: "ERROR", skipped: "skip " };
const NOT_YOURS = "labgrade could not judge this step; this is not your mistake. Run it again, or show report.html to your instructor.";

// Student output is quoted in messages: show terminal control codes as `\x1b` so they cannot repaint or
// retitle the terminal, and the student sees they were there.
const plain = showControls;

function hintFor(step: StepResult): string | undefined {
  if (step.status === "failed") return step.hint;
  if (step.status === "error") return step.hint ? `${step.hint} (${NOT_YOURS})` : NOT_YOURS;
  return undefined;
}

// The student's table: a row per step, the hint under each failed or unjudged step; colour only when asked.
export function renderConsole(report: GradeReport, { color }: { color: boolean }): string {
  const c = pc.createColors(color);
  const paint: Record<StepStatus, (s: string) => string> = { passed: c.green, failed: c.red, error: c.yellow, skipped: c.dim };
  const idWidth = Math.max(0, ...report.steps.map((s) => s.id.length));
  const pointsOf = (s: StepResult) => `${s.points}/${s.maxPoints}`;
  const pointsWidth = Math.max(0, ...report.steps.map((s) => pointsOf(s).length));
  const indent = " ".repeat(MARKS.passed.length + idWidth + pointsWidth + 6);
  const lines = report.steps.flatMap((step) => {
    const [first = "", ...rest] = plain(step.message).split("\n");
    const row = `${paint[step.status](MARKS[step.status])}  ${step.id.padEnd(idWidth)}  ${pointsOf(step).padStart(pointsWidth)}  ${first}`;
    const hint = hintFor(step);
    return [row, ...rest.map((line) => indent + line), ...(hint ? [`${indent}${c.cyan(`→ ${plain(hint)}`)}`] : [])];
  });
  const unjudged = report.steps.filter((s) => s.status === "error").length;
  lines.push("", c.bold(`Score: ${report.score}/${report.maxScore}`));
  lines.push(c.dim(evidenceLine(report)));
  const review = studentEvidenceLine(report.trust);
  if (review) lines.push(c.yellow(review));
  if (unjudged > 0) lines.push(c.yellow(`${unjudged} step(s) could not be judged by labgrade; they are not your mistakes.`));
  return lines.join("\n") + "\n";
}

// Where the engine steps' verdicts came from; none, when no engine answered and no evidence file was given.
function evidenceLine(report: GradeReport): string {
  if (report.steps.some((s) => s.kind === "engine" && s.status === "skipped" && s.message.startsWith("Not judged here"))) return "Engine steps not judged here: no engine answered and no evidence file was handed in.";
  if (report.evidence === "live") return "Engine steps judged from the live Docker engine.";
  if (report.evidence === "none") return "Engine steps failed: no evidence.json was handed in.";
  return `Engine steps judged from the evidence file ${report.evidence}, not the live engine.`;
}
