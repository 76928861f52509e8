import type { PlotAxes, PlotLine, RunResult } from "../../runners/types.ts";
import { passed, type CheckResult } from "../../lab/check-result.ts";
import { failedWith, hintFor, type KindHints } from "../hints.ts";
import type { AppLore } from "./app-lore.ts";
import { formatNumbers, sameNumbers } from "./number-sequences.ts";

// What the `plot` expectation of a lab file can say: a figure the app drew (matplotlib, caught headless).
export interface PlotSpec {
  title?: string;
  xlabel?: string;
  ylabel?: string;
  /** A line with exactly these points; `says` names it in words (`y = x² over x = 0..9`). */
  line?: { x: number[]; y: number[]; says: string };
}

const LABELS = [
  { key: "title", name: "title", call: "title" },
  { key: "xlabel", name: "x label", call: "xlabel" },
  { key: "ylabel", name: "y label", call: "ylabel" },
] as const;

// A figure with the spec's title and axis labels (exact, after trimming) and its line.
export function checkPlot(run: RunResult | null, spec: PlotSpec, lore: Pick<AppLore, "buildStep" | "runStep">, hints: KindHints<"plot">): CheckResult {
  if (!run) return failedWith(hints, "not-run", "Expected a figure; the app was not run: the image did not build.", lore.buildStep ? `Fix the \`${lore.buildStep}\` step first.` : "Fix the Dockerfile so that it builds first.");
  const axes = run.plots.flatMap((p) => p.axes);
  if (axes.length === 0) {
    const see = lore.runStep ? `: see \`${lore.runStep}\`` : "";
    const crashed = run.exitCode !== 0 || run.timedOut ? ` (the app ${run.timedOut ? "timed out" : `exited with code ${run.exitCode ?? "none"}`} first${see})` : "";
    return failedWith(hints, "none", `Expected a figure; no figure was drawn${crashed}.`, "Draw it and show it: `plt.plot(x, y)`, then `plt.show()`.");
  }
  const judged = axes.map((a) => judge(a, spec, hints));
  if (judged.some((j) => j.problems.length === 0)) return passed(`Found a figure${passWords(spec)}.`);
  const best = judged.reduce((a, b) => (b.problems.length < a.problems.length ? b : a));
  return failedWith(hints, "mismatch", `Expected a figure${wantedWords(spec)}; ${best.problems.join("; ")}.`, best.hints.join(" "));
}

function judge(axes: PlotAxes, spec: PlotSpec, hints: KindHints<"plot">): { problems: string[]; hints: string[] } {
  const problems: string[] = [];
  const found: string[] = [];
  for (const { key, name, call } of LABELS) {
    const want = spec[key];
    if (want === undefined) continue;
    const text = axes[key].trim();
    if (text === want) continue;
    const caseOnly = text.toLowerCase() === want.toLowerCase() ? " (only the case differs)" : "";
    problems.push(text ? `the ${name} is \`${text}\`${caseOnly}` : `there is no ${name}`);
    found.push(hints.hints?.[key] !== undefined ? hintFor(partHints(hints), key, "") : `Use \`plt.${call}('${want}')\`.`);
  }
  if (spec.line && !axes.lines.some((l) => isLine(l, spec.line!))) {
    problems.push(describeLines(axes.lines));
    found.push(hintFor(partHints(hints), "line", `Plot the handout's data: ${spec.line.says}.`));
  }
  return { problems, hints: found };
}

// A part of the figure (its title, a label, the line) takes only the hint the step gives that part, never its `hint`.
const partHints = (hints: KindHints<"plot">): KindHints<"plot"> => ({ hints: hints.hints ?? {} });

function passWords(spec: PlotSpec): string {
  const labels = [spec.xlabel, spec.ylabel].filter((l) => l !== undefined).map((l) => `\`${l}\``);
  return [
    ...(spec.title !== undefined ? [` titled \`${spec.title}\``] : []),
    ...(labels.length ? [`, labelled ${labels.join(" and ")}`] : []),
    ...(spec.line ? [`, with a line ${spec.line.says}`] : []),
  ].join("");
}

function wantedWords(spec: PlotSpec): string {
  const labels = [
    ...(spec.xlabel !== undefined ? [`x label \`${spec.xlabel}\``] : []),
    ...(spec.ylabel !== undefined ? [`y label \`${spec.ylabel}\``] : []),
    ...(spec.line ? [`a line ${spec.line.says}`] : []),
  ];
  const joined = labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
  return `${spec.title !== undefined ? ` titled \`${spec.title}\`` : ""}${joined ? ` with ${joined}` : ""}`;
}

function isLine(line: PlotLine, want: { x: number[]; y: number[] }): boolean {
  return sameNumbers(line.x, want.x) && sameNumbers(line.y, want.y);
}

function describeLines(lines: PlotLine[]): string {
  const first = lines[0];
  if (!first) return "the figure has no line";
  const count = lines.length > 1 ? `${lines.length} lines; the first has` : "the line has";
  return `${count} x = ${formatNumbers(first.x, 5)} and y = ${formatNumbers(first.y, 5)}`;
}
