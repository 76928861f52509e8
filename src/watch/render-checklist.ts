import pc from "picocolors";
import { showControls } from "../reports/show-controls.ts";
import type { WatchStatus, WatchStep, WatchView } from "./judge-state.ts";
import type { WatchState } from "./watch-state.ts";

export interface LastChange {
  at: string;
  changed: readonly string[];
  /** The engine event or file change that came last before it. */
  cause: string | null;
}

export interface ChecklistFrame {
  folder: string;
  view: WatchView;
  state: WatchState;
  /** The newest change of a step: shown under the score, and the step to act on is shown in full. */
  lastChange: LastChange | null;
  /** For "retrying in 3 s". */
  now: Date;
  width: number;
  height: number;
  color: boolean;
  /** Still watching: say how to stop. The copy left on the screen after Ctrl-C does not. */
  live?: boolean;
}

const MARKS: Record<WatchStatus, string> = { passed: "[✓]", failed: "[✗]", error: "[!]", skipped: "[-]", pending: "[ ]" };
const NOT_YOURS = "labgrade could not judge this step; this is not your mistake.";

// The full-screen checklist, one string per screen line, each at most `width` columns. Pure: the
// terminal code only moves the cursor and writes these. Student text is shown with control characters as `\x1b`.
export function renderChecklist(frame: ChecklistFrame): string[] {
  const c = pc.createColors(frame.color);
  const paint: Record<WatchStatus, (s: string) => string> = { passed: c.green, failed: c.red, error: c.yellow, skipped: c.dim, pending: c.dim };
  const { view, state, width } = frame;
  const fit = (text: string) => truncate(text, width);
  const pointsWidth = Math.max(...view.steps.map((s) => `${s.maxPoints}/${s.maxPoints}`.length));
  const lines: string[] = [];
  lines.push(c.bold(fit(`labgrade watch · ${showControls(frame.folder)}`)));
  const engine = fit(engineLine(state, frame.now));
  lines.push(view.engine === "not answering" ? c.yellow(engine) : engine);
  lines.push(fit(appLine(state)));
  lines.push("");
  for (const step of view.steps) {
    const points = `${step.points}/${step.maxPoints}`.padStart(pointsWidth);
    const row = fit(`${MARKS[step.status]} ${points}  ${step.title} — ${oneLine(verdictOf(step))}`);
    const mark = row.slice(0, MARKS[step.status].length);
    const rest = row.slice(mark.length);
    lines.push(step.stale ? c.dim(row) : paint[step.status](mark) + rest);
  }
  lines.push("", c.bold(fit(`Score: ${view.score}/${view.max}`)));
  if (frame.lastChange) lines.push(fit(lastChangeLine(frame.lastChange, view)));
  const next = nextStep(view, frame.lastChange?.changed ?? []);
  if (next) {
    lines.push("", c.bold(fit(`Next: ${next.title}`)));
    for (const line of wrap(showControls(next.message), width - 2)) lines.push(`  ${line}`);
    const hint = next.status === "error" ? (next.hint ? `${next.hint} (${NOT_YOURS})` : NOT_YOURS) : next.hint;
    if (hint) for (const [i, line] of wrap(`→ ${showControls(hint)}`, width - 4).entries()) lines.push(c.cyan(`${i === 0 ? "  " : "    "}${line}`));
  } else if (view.steps.every((s) => s.status === "passed")) {
    lines.push("", c.green(fit("Every step passed. Well done.")));
  }
  if (frame.live !== false) lines.push("", c.dim(fit("Ctrl-C to stop. Watching only reads your engine and your folder; it changes neither.")));
  return lines.slice(0, Math.max(1, frame.height));
}

function engineLine(state: WatchState, now: Date): string {
  const { link } = state;
  if (link.kind === "answering") return `Engine: answering at ${link.endpoint}`;
  if (link.kind === "connecting") return "Engine: connecting…";
  const seconds = Math.ceil((Date.parse(link.retryAt) - now.getTime()) / 1000);
  const retry = seconds > 0 ? `retrying in ${seconds} s` : "retrying now";
  const kept = state.snapshot ? " The engine steps below are as last seen." : "";
  return `Engine: not answering since ${clockOf(new Date(link.since))} (${showControls(link.problem)}); ${retry}.${kept}`;
}

function appLine(state: WatchState): string {
  const { app } = state;
  if (app.phase === "judging") return app.verdicts ? "App: your folder changed; building and running it again…" : "App: building and running your app…";
  if (app.phase === "waiting" || !app.judgedAt) return "App: waiting";
  const when = clockOf(new Date(app.judgedAt));
  if (app.digest === null) return `App: judged ${when} (no Dockerfile to build yet)`;
  return `App: built and ran ${when}${app.reused ? " (unchanged: the earlier result)" : ""}; edit app.py, the Dockerfile or .dockerignore to judge it again`;
}

// "Last change 10:02:03: mycontainer-created passed (after container create mycontainer (hello-world))".
function lastChangeLine(change: LastChange, view: WatchView): string {
  const steps = change.changed.map((id) => `${id} ${view.steps.find((s) => s.id === id)?.status ?? ""}`.trim()).join(", ");
  return `Last change ${clockOf(new Date(change.at))}: ${steps}${change.cause ? ` (after ${showControls(change.cause)})` : ""}`;
}

// A line's verdict: what was found, or what labgrade is waiting for.
function verdictOf(step: WatchStep): string {
  return showControls(step.message);
}

// The step to act on: the newest change that is not a pass, else the first step not passed.
function nextStep(view: WatchView, lastChanged: readonly string[]): WatchStep | undefined {
  const open = (s: WatchStep) => s.status === "failed" || s.status === "error";
  return view.steps.find((s) => lastChanged.includes(s.id) && open(s)) ?? view.steps.find(open);
}

function oneLine(text: string): string {
  return text.split("\n")[0] ?? "";
}

function clockOf(date: Date): string {
  return date.toTimeString().slice(0, 8);
}

// Cuts to `width` characters (code points), marking the cut with an ellipsis.
export function truncate(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? chars.slice(0, width).join("") : chars.slice(0, width - 1).join("") + "…";
}

// Wraps at spaces to `width` characters, keeping the text's own line breaks; words longer than a line are cut.
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  const limit = Math.max(10, width);
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ")) {
      const candidate = line ? `${line} ${word}` : word;
      if ([...candidate].length <= limit) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = [...word].length > limit ? truncate(word, limit) : word;
    }
    out.push(line);
  }
  return out;
}
