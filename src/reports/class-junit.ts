import junitModule from "junit-report-builder";
import type { Builder, TestSuite } from "junit-report-builder";
import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { showControls } from "./show-controls.ts";

// CommonJS module.exports is the shared builder, typed as `export default` (see junit.ts): newBuilder() per render.
const sharedBuilder = junitModule as unknown as Builder;

// Attribute values are escaped by xmlbuilder, which silently drops the control characters XML 1.0 forbids; showing
// them keeps "\x1b[31mred" readable. A CDATA body cannot hold "]]>" (the library splits only the first one).
const text = (value: string): string => showControls(value);
const cdata = (value: string): string => showControls(value).replaceAll("]]>", "]] >");

function handIn(suite: TestSuite, row: ClassReportRow): void {
  const reason = text(row.reason ?? "no reason was recorded");
  const testCase = suite.testCase().className("labgrade.hand-in").name("hand-in");
  // A rejected upload is the student's to fix (<failure>); an error row is labgrade's failure, never theirs (<error>).
  if (row.status === "rejected") testCase.failure(`The hand-in could not be opened: ${reason}`, "rejected");
  else testCase.error(`labgrade could not grade this hand-in: ${reason}`, "error", cdata(row.reason ?? ""));
}

function studentSuite(builder: Builder, row: ClassReportRow, report: ClassReport): void {
  const suite = builder
    .testSuite()
    .name(`labgrade: ${text(row.student)}`)
    .property("student", text(row.student))
    .property("name", text(row.name))
    .property("entry", text(row.entry))
    .property("late", String(row.late))
    .property("status", row.status)
    .property("score", row.score === null ? "" : String(row.score))
    .property("maxScore", String(row.maxScore))
    .property("sameAs", text(row.sameAs.join("; ")))
    // How far the engine steps' evidence can be trusted ("" for rows graded before labgrade recorded it).
    .property("evidence", row.trust?.level ?? "")
    .property("labgradeVersion", report.labgradeVersion)
    // The lab the class did: its id and its lab file's digest ("" for reports of classes graded before labs were files).
    .property("lab", row.lab?.id ?? report.lab?.id ?? "")
    .property("labDigest", row.lab?.digest ?? report.lab?.digest ?? "")
    // Which rubric and version gave this row's grade ("" for rows graded before labgrade recorded them).
    .property("rubric", row.rubric ?? "")
    .property("gradedBy", row.labgrade ?? "");
  // Every reason its own property, "code: message", and the level's note.
  for (const r of row.trust?.reasons ?? []) suite.property("evidenceReason", text(`${r.code}: ${r.message}`));
  if (row.trust?.note) suite.property("evidenceNote", text(row.trust.note));
  // The row's own time, from the journal: two renders of one class are byte-identical.
  if (row.gradedAt) suite.timestamp(row.gradedAt);
  // A row that was not graded always says why, first; the steps it reached (if any) follow.
  if (row.status !== "graded" && row.status !== "review") handIn(suite, row);
  for (const step of row.steps) {
    const testCase = suite
      .testCase()
      .className(`labgrade.${step.id}`)
      .name(`${text(step.title)} (${step.maxPoints} pts)`)
      .property("points", String(step.points))
      .property("maxPoints", String(step.maxPoints));
    // Held for review: neither the student's failure nor labgrade's; judged again by the instructor.
    if (step.held === "review") testCase.skipped().standardOutput(cdata(`Held for review (suspicious evidence); judged ${step.status}, ${step.points} / ${step.maxPoints} pts: ${step.message}`));
    else if (step.held === "zero") testCase.failure(`0 pts: the evidence is suspicious (judged ${step.status}: ${text(step.message)})`, "suspicious");
    else if (step.status === "failed") testCase.failure(text(step.message), "failed");
    else if (step.status === "error") testCase.error(`labgrade could not judge this step: ${text(step.message)}`, "error");
    else if (step.status === "skipped") testCase.skipped().standardOutput(cdata(step.message));
  }
}

// junit.xml for the class: a suite per student, a testcase per step; <failure> is the student's, <error> labgrade's.
export function renderClassJunit(report: ClassReport): string {
  const builder = sharedBuilder.newBuilder().name(text(report.title));
  for (const row of report.rows) studentSuite(builder, row, report);
  return builder.build();
}
