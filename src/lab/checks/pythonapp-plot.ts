import type { PlotAxes, PlotLine, RunResult } from "../../runners/types.ts";
import { failed, passed, type CheckResult } from "./check-result.ts";
import { formatNumbers, sameNumbers } from "./number-sequences.ts";

const XS = Array.from({ length: 10 }, (_, i) => i);
const SQUARES = XS.map((x) => x * x);
const LABELS = [
  { key: "title", name: "title", call: "pl.title('Squaring Function')", want: "Squaring Function" },
  { key: "xlabel", name: "x label", call: "pl.xlabel('Numerical')", want: "Numerical" },
  { key: "ylabel", name: "y label", call: "pl.ylabel('Square')", want: "Square" },
] as const;

// A figure with a line y = x² over x = 0..9 and the handout's title and axis labels (exact, after trimming).
export function checkPythonappPlot(run: RunResult | null): CheckResult {
  if (!run) return failed("Expected a figure; the app was not run: the image did not build.", "Fix the `pythonapp-build` step first.");
  const axes = run.plots.flatMap((p) => p.axes);
  if (axes.length === 0) {
    const crashed = run.exitCode !== 0 || run.timedOut ? ` (the app ${run.timedOut ? "timed out" : `exited with code ${run.exitCode ?? "none"}`} first: see \`pythonapp-output\`)` : "";
    return failed(`Expected a figure; no figure was drawn${crashed}.`, "Draw it as the handout does: `pl.plot(x, y)` and then `pl.show()`.");
  }
  const judged = axes.map(judge);
  if (judged.some((j) => j.problems.length === 0)) return passed("Found a figure titled `Squaring Function`, labelled `Numerical` and `Square`, with a line y = x² over x = 0..9.");
  const best = judged.reduce((a, b) => (b.problems.length < a.problems.length ? b : a));
  return failed(`Expected a figure titled \`Squaring Function\` with x label \`Numerical\`, y label \`Square\` and a line y = x² over x = 0..9; ${best.problems.join("; ")}.`, best.hints.join(" "));
}

function judge(axes: PlotAxes): { problems: string[]; hints: string[] } {
  const problems: string[] = [];
  const hints: string[] = [];
  for (const { key, name, call, want } of LABELS) {
    const found = axes[key].trim();
    if (found === want) continue;
    const caseOnly = found.toLowerCase() === want.toLowerCase() ? " (only the case differs)" : "";
    problems.push(found ? `the ${name} is \`${found}\`${caseOnly}` : `there is no ${name}`);
    hints.push(`Use \`${call}\`.`);
  }
  if (!axes.lines.some(isSquaring)) {
    problems.push(describeLines(axes.lines));
    hints.push("Plot the handout's data: `x=np.arange(10)`, `y=x**2`, `pl.plot(x,y)`.");
  }
  return { problems, hints };
}

function isSquaring(line: PlotLine): boolean {
  return sameNumbers(line.x, XS) && sameNumbers(line.y, SQUARES);
}

function describeLines(lines: PlotLine[]): string {
  const first = lines[0];
  if (!first) return "the figure has no line";
  const count = lines.length > 1 ? `${lines.length} lines; the first has` : "the line has";
  return `${count} x = ${formatNumbers(first.x, 5)} and y = ${formatNumbers(first.y, 5)}`;
}
