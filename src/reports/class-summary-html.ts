import { maxScore } from "../lab/score.ts";
import type { ClassReport } from "../model/class-row.ts";
import { CLASS_STYLE } from "./class-summary-style.ts";
import { changesSection } from "./class-changes-html.ts";
import { evidenceSection } from "./class-evidence-html.ts";
import { classTable, escapeRowText as t } from "./class-summary-table.ts";
import { HTML_STYLE } from "./html-style.ts";

// No scripts, nothing remote: only the students' plots beside this file, and the inline style.
const CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";

const when = (iso: string): string => (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso);

function counts(report: ClassReport): string {
  const count = (status: string) => report.rows.filter((r) => r.status === status).length;
  const scores = report.rows.flatMap((r) => (r.status === "graded" && r.score !== null ? [r.score] : []));
  const max = maxScore(report.steps);
  const mean = scores.length > 0 ? (scores.reduce((a, b) => a + b, 0) / scores.length).toFixed(1) : "–";
  const item = (cls: string, value: string | number, label: string) => `<li class="${cls}"><b>${value}</b><span>${label}</span></li>`;
  return `<ul class="counts">${item("graded", count("graded"), "graded")}${item("rejected", count("rejected"), "rejected")}`
    + `${item("error", count("error"), "labgrade errors")}${item("mean", `${mean}<small class="muted"> / ${max}</small>`, `mean score of ${scores.length} graded`)}`
    + `${report.rows.some((r) => r.status === "review") ? item("review", count("review"), "held for review") : ""}`
    + `${item("suspicious", report.rows.filter((r) => r.trust?.level === "suspicious").length, "suspicious evidence")}`
    + `${item("late", report.rows.filter((r) => r.late).length, "late")}${item("signal", report.rows.filter((r) => r.sameAs.length > 0).length, "with a same-work signal")}</ul>`;
}

function stepRates(report: ClassReport): string {
  const rows = report.steps.map((rubric) => {
    // A step held for review (suspicious evidence) is not judged until the instructor decides.
    const statuses = report.rows.flatMap((r) => r.steps.filter((s) => s.id === rubric.id).map((s) => (s.held === "review" ? "held" : s.status)));
    const passed = statuses.filter((s) => s === "passed").length;
    const judged = passed + statuses.filter((s) => s === "failed").length;
    const unjudged = statuses.length - judged;
    const rate = judged > 0 ? Math.round((passed / judged) * 100) : null;
    const bar = rate === null ? `<span class="bar none"></span>–` : `<span class="bar"><span style="width: ${rate}%"></span></span>${rate}%`;
    return `<tr><td>${t(rubric.title)}<code>${t(rubric.id)}</code></td><td class="points">${rubric.points} pts</td>`
      + `<td class="rate">${bar} <span class="muted">${passed} / ${judged} judged</span></td><td class="muted">${unjudged > 0 ? `${unjudged} not judged` : ""}</td></tr>`;
  });
  return `<table class="steps"><thead><tr><th>Step</th><th>Points</th><th>Passed</th><th></th></tr></thead><tbody>${rows.join("\n")}</tbody></table>`;
}

// summary.html: what the instructor opens first. Suspicious evidence first, then counts, each step's pass rate and the class table, linking to
// each student's report.html and plot by relative path (nothing embedded, so 200 students stay a small page).
export function renderClassSummary(report: ClassReport): string {
  const lab = report.lab ? `lab ${report.lab.id} (${report.lab.title}, ${report.lab.digest.slice(0, 19)}) · ` : "";
  const meta = `Generated ${when(report.generatedAt)} · ${lab}labgrade ${report.labgradeVersion} · rubric ${report.rubricDigest} · ${report.rows.length} students`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${t(report.title)} · labgrade</title><style>${HTML_STYLE}${CLASS_STYLE}</style></head>
<body><h1>${t(report.title)}</h1><p class="meta">${t(meta)}</p>
${evidenceSection(report)}${counts(report)}
<h2>Steps</h2>
${stepRates(report)}
${report.changes ? changesSection(report.changes) : ""}<h2>Students</h2>
${classTable(report)}
</body></html>
`;
}
