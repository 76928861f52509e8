import type { Lab, Step } from "../lab/lab.ts";
import { APP_TIMING, followApp, type AppSource, type AppTiming } from "./app-follower.ts";
import { ENGINE_TIMING, followEngine, type EngineTiming } from "./engine-follower.ts";
import type { EngineSource } from "./engine-source.ts";
import { changedSteps, worthShowing } from "./json-line.ts";
import { judgeState, type WatchView } from "./judge-state.ts";
import { initialState, needsJudge, reduce, type WatchEvent, type WatchState } from "./watch-state.ts";

export interface WatchUpdate {
  view: WatchView;
  state: WatchState;
  /** The steps this update changed (every step on the first). */
  changed: string[];
  at: Date;
}

export interface WatchSessionOptions {
  lab: Lab;
  steps: readonly Step[];
  engine: EngineSource;
  app: AppSource;
  clientVersion: string | null;
  /** Called when the checklist changed: a step, the engine's link or the app's phase. */
  onUpdate(update: WatchUpdate): void;
  now?: () => Date;
  timing?: { engine?: EngineTiming; app?: AppTiming };
  /** Told the state after every event, shown or not (a full screen redraws its countdowns from it). */
  onState?: (state: WatchState) => void;
  /** Told every event before it is reduced: how the recorded walks are made. */
  record?: (event: WatchEvent) => void;
}

// Follows the engine and the app's folder until `signal` aborts, and reports the checklist each time it
// changes. The decisions are the reducer's and the judge's; this only feeds them and runs what they ask.
export async function runWatchSession(options: WatchSessionOptions, signal: AbortSignal): Promise<WatchState> {
  const now = options.now ?? (() => new Date());
  let state = initialState(options.clientVersion);
  let shown: WatchView | null = null;
  let app: ReturnType<typeof followApp> | null = null;
  const to = {
    now,
    state: () => state,
    dispatch(event: WatchEvent) {
      options.record?.(event);
      state = reduce(state, event);
      options.onState?.(state);
      if (needsJudge(state) && state.app.phase !== "judging") app?.wake();
      // Nothing is shown until the engine has answered or failed to: the first line is a whole checklist.
      if (state.link.kind === "connecting") return;
      const view = judgeState(state, options.lab, options.steps);
      const changed = changedSteps(shown, view);
      if (worthShowing(shown, view, changed)) {
        shown = view;
        options.onUpdate({ view, state, changed, at: now() });
      }
    },
  };
  app = followApp(options.app, to, signal, options.timing?.app ?? APP_TIMING, options.steps.filter((s) => s.kind === "app").map((s) => s.id));
  await Promise.all([followEngine(options.engine, to, signal, options.timing?.engine ?? ENGINE_TIMING), app.done]);
  return state;
}
