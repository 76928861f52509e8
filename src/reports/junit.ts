import junitModule from "junit-report-builder";
import type { Builder, TestCase } from "junit-report-builder";
import type { Location } from "../lab/check-result.ts";
import type { GradeReport, StepResult } from "../lab/result.ts";
import { showControls } from "./show-controls.ts";

// The package is CommonJS (module.exports = a shared builder) but its types declare `export default`, so under
// nodenext TypeScript types the default import as the module object. At run time it is the builder itself.
const sharedBuilder = junitModule as unknown as Builder;

// A CDATA body cannot hold "]]>"; the library splits only the first one, so student output could break the XML.
// Control characters are shown as `\x1b` (XML 1.0 cannot hold them, and the library would drop them silently).
const cdataSafe = (text: string): string => showControls(text).replaceAll("]]>", "]] >");

// The failure's `message` attribute is what annotation tools (mikepenz/action-junit-report among them) show as
// the annotation's text: the verdict on one line. The hint and details follow in the body.
function verdictLine(text: string): string {
  const line = showControls(text.replace(/\s*\n\s*/g, " ").trim());
  return line.length > MAX_VERDICT ? `${line.slice(0, MAX_VERDICT - 1)}…` : line;
}
const MAX_VERDICT = 400;

// `file` and `line` on <testcase>, where annotation tools look for them (pytest writes them there too).
// junit-report-builder 5 has .file() but no .line(); it writes every entry of its attribute map, so line goes there.
function place(testCase: TestCase, location: Location | undefined): void {
  if (!location) return;
  testCase.file(showControls(location.file));
  if (location.line !== undefined) (testCase as unknown as { _attributes: Record<string, unknown> })._attributes.line = location.line;
}

function body(step: StepResult): string {
  return cdataSafe([step.message, step.hint ? `Hint: ${step.hint}` : "", step.details ? `Details: ${step.details}` : ""].filter(Boolean).join("\n\n"));
}

// One testcase per step: <failure> is the student's mistake, <error> a step labgrade could not judge.
export function renderJunit(report: GradeReport): string {
  const builder = sharedBuilder.newBuilder();
  const suite = builder
    .testSuite()
    .name(`labgrade: ${report.submission.name}`)
    .timestamp(report.startedAt)
    .time(report.timings.totalMs / 1000)
    .property("labgradeVersion", report.labgradeVersion)
    .property("evidence", report.evidence)
    .property("score", String(report.score))
    .property("maxScore", String(report.maxScore));
  for (const step of report.steps) {
    const testCase = suite
      .testCase()
      .className(`labgrade.${step.id}`)
      .name(`${step.title} (${step.maxPoints} pts)`)
      .property("stepId", step.id)
      .property("points", String(step.points))
      .property("maxPoints", String(step.maxPoints));
    place(testCase, step.location);
    if (step.status === "failed") testCase.failure(verdictLine(step.message), "failed").stacktrace(body(step));
    if (step.status === "error") testCase.error(verdictLine(`labgrade could not judge this step: ${step.message}`), "error", body(step));
    if (step.status === "skipped") testCase.skipped().standardOutput(cdataSafe(step.message));
  }
  return builder.build();
}
