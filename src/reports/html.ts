import { escapeHtml as e } from "./escape-html.ts";
import { HTML_STYLE } from "./html-style.ts";
import type { GradeReport, StepResult } from "../lab/result.ts";
import { LEVEL_WORDS, studentEvidenceLine } from "./evidence-words.ts";

/** Who reads the page: the student (their own grade, the LMS's feedback file) or the instructor (bulk's copy). */
export type Audience = "student" | "instructor";

type Plot = NonNullable<GradeReport["app"]>["plots"][number];

// Scripts and remote fetches are refused even if some text ever escaped escaping; only inline images and style.
const CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";
// The PNG comes from inside the student's container: inline it only when it is plain base64.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function stepRow(step: StepResult, audience: Audience): string {
  const note = step.status === "error" ? "labgrade could not judge this step; this is not the student's mistake. " : "";
  const doubt = audience === "instructor" && step.inDoubt ? `<br><span class="in-doubt">in doubt: the evidence's reasons touch what this step reads</span>` : "";
  const details = step.details ? `<details><summary>Details for the grader</summary><pre>${e(step.details)}</pre></details>` : "";
  return `<tr class="${e(step.status)}"><td class="status">${e(step.status)}</td><td>${e(step.title)}<br><code>${e(step.id)}</code></td>`
    + `<td class="points">${step.points} / ${step.maxPoints}${doubt}</td><td>${e(note + step.message)}${details}</td>`
    + `<td class="hint">${step.hint ? e(step.hint) : ""}</td></tr>`;
}

function plotFigure(plot: Plot): string {
  const caption = `<figcaption>Figure ${plot.figure}, captured at ${e(plot.trigger)}</figcaption>`;
  if (plot.pngBase64 === null || !BASE64.test(plot.pngBase64)) return `<figure><p>No image was captured for this figure.</p>${caption}</figure>`;
  return `<figure><img src="data:image/png;base64,${plot.pngBase64}" alt="Figure ${plot.figure}">${caption}</figure>`;
}

function appSection(app: GradeReport["app"]): string {
  if (!app) return "<h2>The app</h2><p>The app was not run.</p>";
  const plots = app.plots.length > 0 ? app.plots.map(plotFigure).join("") : "<p>The app plotted no figures.</p>";
  return `<h2>The app</h2><p>Exit code: ${app.exitCode ?? "none (it did not exit by itself)"}</p>`
    + `<h3>Standard output</h3><pre>${e(app.stdout)}</pre><h3>Standard error</h3><pre>${e(app.stderr)}</pre><h3>Plots</h3>${plots}`;
}

// How far the engine steps' evidence can be trusted. The instructor reads the level and every reason; the
// student reads only that their evidence will be reviewed, when it will.
function trustSection(report: GradeReport, audience: Audience): string {
  const trust = report.trust;
  if (!trust) return "";
  if (audience === "student") {
    const line = studentEvidenceLine(trust);
    return line ? `<p class="evidence-review">${e(line)}</p>` : "";
  }
  const reasons = trust.reasons.length > 0 ? `<ul>${trust.reasons.map((r) => `<li><code>${e(r.code)}</code> ${e(r.message)}</li>`).join("")}</ul>` : "";
  return `<section class="trust ${e(trust.level)}"><h2>Evidence: ${e(trust.level)}</h2><p>${e(LEVEL_WORDS[trust.level])}${trust.note ? ` (${e(trust.note)})` : ""}.`
    + `${trust.level === "suspicious" ? ` The points below are as judged; the class summary says what was done with them. In doubt: ${doubtedSteps(report)}.` : ""}</p>${reasons}</section>`;
}

// One self-contained page: every step, what the app printed, and each captured plot inline.
export function renderHtml(report: GradeReport, audience: Audience = "student"): string {
  const title = `labgrade: ${report.submission.name}`;
  // A student's copy names the evidence file, not where the grading machine unpacked it.
  const evidence = audience === "student" && report.evidence !== "live" && report.evidence !== "none" ? report.evidence.split(/[\\/]/).pop() : report.evidence;
  const meta = `labgrade ${report.labgradeVersion} · evidence: ${evidence} · started ${report.startedAt} · ${(report.timings.totalMs / 1000).toFixed(1)} s`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${e(title)}</title><style>${HTML_STYLE}</style></head>
<body><h1>${e(title)}</h1><p class="score">Score: ${report.score} / ${report.maxScore}</p><p class="meta">${e(meta)}</p>
${trustSection(report, audience)}
<table><thead><tr><th>Status</th><th>Step</th><th>Points</th><th>Message</th><th>Hint</th></tr></thead>
<tbody>${report.steps.map((s) => stepRow(s, audience)).join("\n")}</tbody></table>
${appSection(report.app)}
</body></html>
`;
}

function doubtedSteps(report: GradeReport): string {
  const doubted = report.steps.filter((s) => s.inDoubt);
  return doubted.length > 0 ? doubted.map((s) => s.id).join(", ") : "every engine step";
}
