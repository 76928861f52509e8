import type { ClassChanges, StudentChange } from "../model/class-row.ts";
import { escapeRowText as t } from "./class-summary-table.ts";

const total = (side: StudentChange["before"]): string => (side.score === null ? `– (${side.status})` : `${side.score} / ${side.maxScore}`);
const verdict = (v: StudentChange["steps"][number]["before"]): string => (v ? `${v.status}, ${v.points} / ${v.maxPoints} pts` : "–");

function studentRows(c: StudentChange): string {
  const down = (c.after.score ?? -Infinity) < (c.before.score ?? -Infinity);
  const rubric = c.before.rubric !== c.after.rubric ? ` <span class="muted">rubric ${t(c.before.rubric || "?")} → ${t(c.after.rubric || "?")}</span>` : "";
  const head = `<tr class="${down ? "down" : "up"}"><td class="student"><code>${t(c.student)}</code></td><td class="name">${t(c.name)}</td>`
    + `<td class="total">${t(total(c.before))}</td><td class="total">${t(total(c.after))}${rubric}</td><td colspan="3"></td></tr>`;
  const steps = c.steps.map((s) => `<tr class="step-change"><td></td><td colspan="3"><code>${t(s.id)}</code> ${t(s.title)}</td>`
    + `<td>${t(verdict(s.before))}<br><span class="muted">${t(s.before?.message ?? "")}</span></td><td>→</td>`
    + `<td>${t(verdict(s.after))}<br><span class="muted">${t(s.after?.message ?? "")}</span></td></tr>`);
  return [head, ...steps].join("\n");
}

// summary.html's regrade section: who moved since the earlier grading, grades that went down first.
export function changesSection(changes: ClassChanges): string {
  const intro = `<p class="legend">Compared with ${t(changes.baseline)}: ${changes.students.length} of ${changes.compared} students graded both times changed. `
    + `Grades that went down are listed first. The same list is in changes.csv.</p>`;
  if (changes.students.length === 0) return `<h2>Changes</h2>\n${intro}\n`;
  return `<h2>Changes</h2>\n${intro}\n<table class="changes"><thead><tr><th>Student</th><th>Name</th><th>Before</th><th>After</th><th>Step before</th><th></th><th>Step after</th></tr></thead>\n<tbody>\n`
    + `${changes.students.map(studentRows).join("\n")}\n</tbody></table>\n`;
}
