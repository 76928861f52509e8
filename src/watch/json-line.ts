import { showControls } from "../reports/show-controls.ts";
import type { WatchStatus, WatchView } from "./judge-state.ts";

/** One line of `labgrade watch --json-lines`: the whole checklist after a change, and which steps it changed. */
export interface WatchLine {
  at: string;
  changed: string[];
  steps: Record<string, { status: WatchStatus; points: number; message: string; hint?: string }>;
  score: number;
  max: number;
  engine: WatchView["engine"];
  app: WatchView["app"];
}

// The steps whose status, points, message or hint differ between two checklists (all of them after none).
export function changedSteps(before: WatchView | null, after: WatchView): string[] {
  if (!before) return after.steps.map((s) => s.id);
  const old = new Map(before.steps.map((s) => [s.id, s]));
  return after.steps
    .filter((s) => {
      const was = old.get(s.id);
      return !was || was.status !== s.status || was.points !== s.points || was.message !== s.message || was.hint !== s.hint;
    })
    .map((s) => s.id);
}

// Whether a new checklist is worth a line (or a redraw): a step changed, or the engine's or the app's state did.
export function worthShowing(before: WatchView | null, after: WatchView, changed: readonly string[]): boolean {
  return !before || changed.length > 0 || before.engine !== after.engine || before.app !== after.app;
}

// Student text is untrusted: messages carry control characters as `\x1b`, as every report does.
export function watchLine(view: WatchView, changed: readonly string[], at: Date): WatchLine {
  const steps: WatchLine["steps"] = {};
  for (const s of view.steps) steps[s.id] = { status: s.status, points: s.points, message: showControls(s.message), ...(s.hint ? { hint: showControls(s.hint) } : {}) };
  return { at: at.toISOString(), changed: [...changed], steps, score: view.score, max: view.max, engine: view.engine, app: view.app };
}
