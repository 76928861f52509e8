import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { isSignal } from "../trust/class-trust.ts";
import { escapeRowText as t } from "./class-summary-table.ts";

const HELD: Record<string, string> = {
  keep: "Their points stay as judged (--suspicious keep): look at the reasons before the grades go out.",
  review: "Their engine steps are held for your review (--suspicious review): no total until you decide.",
  zero: "Their engine steps count 0 (--suspicious zero).",
};

function policyOf(rows: readonly ClassReportRow[]): string {
  if (rows.some((r) => r.status === "review")) return HELD.review!;
  if (rows.some((r) => r.steps.some((s) => s.held === "zero"))) return HELD.zero!;
  return HELD.keep!;
}

function reasonList(row: ClassReportRow): string {
  const reasons = row.trust?.reasons ?? [];
  // A signal among a suspicious student's reasons is said, muted: it is context, not what makes them suspicious.
  return `<ul>${reasons.map((r) => `<li${isSignal(r) ? ` class="signal"` : ""}><code>${t(r.code)}</code> ${t(r.message)}</li>`).join("")}</ul>`;
}

function studentHead(row: ClassReportRow): string {
  return `<code>${t(row.student)}</code>${row.name ? ` ${t(row.name)}` : ""}`;
}

// The first thing on summary.html: every student whose evidence is suspicious, with every reason in words the
// instructor can check, and what was done with their points; then, apart, the signals that accuse nobody alone
// (one engine behind several students: a shared lab machine, or copied evidence).
export function evidenceSection(report: ClassReport): string {
  const suspicious = report.rows.filter((r) => r.trust?.level === "suspicious");
  const signalled = report.rows.filter((r) => r.trust?.level !== "suspicious" && (r.trust?.reasons ?? []).some(isSignal));
  if (suspicious.length === 0 && signalled.length === 0) return `<section class="evidence clear"><h2>Evidence</h2><p>No student's evidence is suspicious.</p></section>\n`;
  const items = suspicious.map((r) => `<li>${studentHead(r)}${reasonList(r)}</li>`).join("\n");
  const head = suspicious.length > 0
    ? `<h2>Suspicious evidence: ${suspicious.length} student${suspicious.length === 1 ? "" : "s"}</h2><p>${t(policyOf(suspicious))} A reason says which facts disagree; check them before you accuse anyone.</p><ol class="suspicious">${items}</ol>`
    : `<h2>Evidence</h2><p>No student's evidence is suspicious.</p>`;
  const signals = signalled.length > 0
    ? `<h3>Signals, not suspicious by themselves</h3><ul class="signals">${signalled.map((r) => `<li>${studentHead(r)}${reasonList(r)}</li>`).join("")}</ul>`
    : "";
  return `<section class="evidence${suspicious.length > 0 ? " flagged" : ""}">${head}${signals}</section>\n`;
}
