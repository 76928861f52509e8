import pc from "picocolors";
import type { Finding } from "./facts.ts";

const MARK = { ok: pc.green("ok     "), warn: pc.yellow("note   "), problem: pc.red("problem") };

// Doctor's findings as text: one line each, the fix indented below.
export function renderFindings(findings: Finding[], ready: boolean): string {
  const lines = findings.flatMap((f) => [`${MARK[f.status]}  ${f.summary}`, ...(f.fix && f.status !== "ok" ? [`         → ${f.fix}`] : [])]);
  lines.push("", ready ? pc.green("Ready to grade.") : pc.red("Not ready to grade: fix the problems above, then run `labgrade doctor` again."));
  return lines.join("\n") + "\n";
}
