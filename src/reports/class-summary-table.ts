import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { relativeHref } from "./class-relative-href.ts";
import { showControls } from "./show-controls.ts";
import { escapeHtml } from "./escape-html.ts";

type Step = ClassReportRow["steps"][number];
type RubricStep = ClassReport["steps"][number];

// Every text from a row goes through here: controls made visible first, then HTML-escaped for text or attribute.
export const escapeRowText = (text: string): string => escapeHtml(showControls(text));
const t = escapeRowText;

const MARK: Record<Step["status"], string> = { passed: "✓", failed: "✗", error: "–", skipped: "–" };
const VERDICT: Record<Step["status"], string> = {
  passed: "passed",
  failed: "failed",
  error: "not judged: labgrade could not judge this step (not the student's mistake)",
  skipped: "not judged: skipped",
};
const SAME_AS_NOTE = "Hand-ins that look the same (same containers or content). A reason to look, not a verdict.";

function markCell(rubric: RubricStep, step: Step | undefined): string {
  if (!step) return `<td class="mark skipped" title="${t(`${rubric.title}: not reached`)}">–</td>`;
  if (step.held === "review") return `<td class="mark held" title="${t(`${step.title}\nheld for review (suspicious evidence); judged ${step.status}, ${step.points} / ${step.maxPoints} pts\n${step.message}`)}">?</td>`;
  if (step.held === "zero") return `<td class="mark failed" title="${t(`${step.title}\n0 pts: suspicious evidence (judged ${step.status})\n${step.message}`)}">0</td>`;
  const tip = `${step.title}\n${VERDICT[step.status]}, ${step.points} / ${step.maxPoints} pts${step.inDoubt ? "\nin doubt: the evidence's reasons touch what this step reads" : ""}\n${step.message}`;
  return `<td class="mark ${step.status}${step.inDoubt ? " in-doubt" : ""}" title="${t(tip)}">${MARK[step.status]}${step.inDoubt ? "?" : ""}</td>`;
}

function stepCells(row: ClassReportRow, report: ClassReport): string {
  // A hand-in that never reached the steps gets one wide cell saying why, instead of a row of dashes.
  if (row.steps.length === 0 && row.status !== "graded") {
    const what = row.status === "rejected" ? "Rejected, the hand-in could not be opened" : "labgrade error, not the student's mistake";
    return `<td class="why" colspan="${report.steps.length}"><b>${what}:</b> ${t(row.reason ?? "no reason was recorded")}</td>`;
  }
  return report.steps.map((rubric) => markCell(rubric, row.steps.find((s) => s.id === rubric.id))).join("");
}

function linkCells(row: ClassReportRow): string {
  const plot = relativeHref(row.plot);
  const report = row.reportDir === null ? null : relativeHref(`${row.reportDir}/report.html`);
  const image = plot ? `<a href="${escapeHtml(plot)}"><img src="${escapeHtml(plot)}" loading="lazy" alt="${t(`Plot of ${row.student}`)}"></a>` : `<span class="muted">–</span>`;
  const link = report ? `<a href="${escapeHtml(report)}">report</a>` : `<span class="muted">–</span>`;
  return `<td class="plot">${image}</td><td>${link}</td>`;
}

function studentRow(row: ClassReportRow, report: ClassReport): string {
  const status = `<span class="badge ${row.status}"${row.reason ? ` title="${t(row.reason)}"` : ""}>${row.status}</span>`;
  const trust = row.trust;
  const evidence = trust ? `<span class="badge ${trust.level}" title="${t(trust.reasons.map((r) => `${r.code}: ${r.message}`).join("\n") || trust.note || trust.level)}">${trust.level}</span>` : `<span class="muted">–</span>`;
  const total = row.score === null ? `<td class="total none">– / ${row.maxScore}</td>` : `<td class="total">${row.score} / ${row.maxScore}</td>`;
  const same = row.sameAs.length > 0 ? `<span class="same" title="${SAME_AS_NOTE}">≈ ${t(row.sameAs.join(", "))}</span>` : "";
  return `<tr><td class="student" title="${t(`Entry: ${row.entry}`)}"><code>${t(row.student)}</code></td><td class="name">${t(row.name)}</td>`
    + `<td>${row.late ? `<span class="badge late">late</span>` : ""}</td><td>${status}</td><td>${evidence}</td>${stepCells(row, report)}${total}`
    + `<td>${same}</td>${linkCells(row)}</tr>`;
}

// The class table: a row per student, a compact ✓ ✗ – cell per step with the step's message as its tooltip.
export function classTable(report: ClassReport): string {
  if (report.rows.length === 0) return "<p>No hand-ins in this class yet.</p>";
  const stepHeads = report.steps.map((s) => `<th class="step" title="${t(s.title)}"><span>${t(s.id)}</span></th>`).join("");
  return `<p class="legend">✓ passed · ✗ failed · – not judged (a labgrade error or a skipped step; never counted as a failure) · ? held for review (suspicious evidence) · a mark followed by ? is in doubt (a reason of the evidence touches what the step reads). `
    + `Hover a mark for the step's message. <span class="same">≈ same as</span> ${SAME_AS_NOTE}</p>`
    + `<table class="class"><thead><tr><th>Student</th><th>Name</th><th>Late</th><th>Status</th><th>Evidence</th>${stepHeads}<th>Total</th><th>Same as</th><th>Plot</th><th>Report</th></tr></thead>\n`
    + `<tbody>\n${report.rows.map((row) => studentRow(row, report)).join("\n")}\n</tbody></table>`;
}
