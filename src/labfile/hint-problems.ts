import { findingsOf, placeholdersIn } from "../kinds/index.ts";
import { nearMisses } from "../lab/names.ts";
import type { FieldPath, FieldProblem } from "./lab-problems.ts";
import type { StepData } from "./lab-file-data.ts";

const braces = (names: readonly string[]) => (names.length ? names.map((n) => `{${n}}`).join(", ") : "none");

// A step's `hint` and `hints` held to what its kind reports (kinds/findings.ts): each key of `hints` a finding of the
// kind, each `{placeholder}` one its finding fills (for `hint`, one some finding of the kind fills). A hint that
// names nothing the kind reports would never be shown, or be shown with its braces.
export function hintProblems(step: StepData, index: number): FieldProblem[] {
  const kind = Object.keys(step.expect)[0] ?? "";
  const at = (...rest: Array<string | number>): FieldPath => ["steps", index, ...rest];
  const findings = findingsOf(kind);
  if (!findings) {
    const own = "a check of your own gives its own hint (`return { status, message, hint }`)";
    return [
      ...(step.hint !== undefined ? [{ path: at("hint"), message: `expected no \`hint\` on a \`${kind}\` step, found one: ${own}, so remove it` }] : []),
      ...(step.hints ? [{ path: at("hints"), message: `expected no \`hints\` on a \`${kind}\` step (it has no findings), found ${Object.keys(step.hints).join(", ") || "an empty mapping"}: ${own}, so remove them` }] : []),
    ];
  }
  const problems: FieldProblem[] = [];
  const known = [...findings.keys()];
  for (const [finding, text] of Object.entries(step.hints ?? {})) {
    const fills = findings.get(finding);
    if (fills === undefined) {
      const [near] = nearMisses(finding, known);
      problems.push({ path: at("hints", finding), message: `unknown finding "${finding}" of \`${kind}\` (expected one of: ${known.join(", ")}): ${near !== undefined ? `did you mean \`${near}\`?` : "use one of those, or `hint` for every failure of the step"}` });
      continue;
    }
    for (const name of placeholdersIn(text).filter((p) => !fills.includes(p))) {
      problems.push({ path: at("hints", finding), message: `unknown placeholder {${name}} (the \`${kind}\` finding \`${finding}\` fills ${braces(fills)}): ${fills.length ? "use one of those" : "write the text without it"}, or write {{${name}}} for the braces themselves` });
    }
  }
  if (step.hint !== undefined) {
    const fills = [...new Set([...findings.values()].flat())];
    for (const name of placeholdersIn(step.hint).filter((p) => !fills.includes(p))) {
      problems.push({ path: at("hint"), message: `unknown placeholder {${name}} (the findings of \`${kind}\` fill ${braces(fills)}): ${fills.length ? "use one of those" : "write the text without it"}, or write {{${name}}} for the braces themselves` });
    }
  }
  return problems;
}
