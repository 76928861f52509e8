import { harnessError } from "../lab/check-result.ts";
import type { Judged } from "../lab/result.ts";
import type { Dispatcher } from "./engine-follower.ts";
import { needsJudge } from "./watch-state.ts";

export interface AppJudgement {
  /** The digest of the build context judged; null without a Dockerfile. */
  digest: string | null;
  verdicts: Record<string, Judged>;
  /** Not built again: the same folder's result was known (in memory or on disk). */
  reused: boolean;
}

// Where the app steps' verdicts come from: the folder built and run as `grade` does, or a test's fake.
export interface AppSource {
  /** Judges the folder as it is now. Throws only when `signal` aborted it (after removing what it made). */
  judge(signal: AbortSignal): Promise<AppJudgement>;
  /** Calls back with the names of the app's files that changed; returns how to stop watching. */
  watch(onChange: (files: string[]) => void): () => void;
}

export interface AppTiming {
  /** A build starts only once the folder has been quiet this long (an editor's save is several writes). */
  settleMs: number;
}

export const APP_TIMING: AppTiming = { settleMs: 700 };


export interface AppFollower {
  /** Judges again now if the state asks for it (the engine came back after a build that could not run). */
  wake(): void;
  /** Resolves when watching has stopped and no build is running. */
  done: Promise<void>;
}

// Judges the app at once, then again each time its files change and settle: never two builds at a time.
// A change that settles while a build runs cancels that build (it judges files that are gone) and,
// once it has cleaned up, starts the next.
export function followApp(source: AppSource, to: Dispatcher, signal: AbortSignal, timing: AppTiming = APP_TIMING, appSteps: readonly string[] = []): AppFollower {
  let settle: NodeJS.Timeout | undefined;
  let settling = false;
  let current: AbortController | null = null;
  let wakeUp: (() => void) | null = null;
  const wake = () => {
    if (current) return;
    wakeUp?.();
  };
  const stopWatching = source.watch((files) => {
    settling = true;
    to.dispatch({ kind: "files-changed", at: to.now().toISOString(), files });
    clearTimeout(settle);
    settle = setTimeout(() => {
      settling = false;
      current?.abort(new Error("the app's files changed"));
      wake();
    }, timing.settleMs);
  });
  const done = (async () => {
    try {
      while (!signal.aborted) {
        if (needsJudge(to.state()) && !settling) await judgeOnce();
        else await new Promise<void>((resolve) => (wakeUp = resolve));
        wakeUp = null;
      }
    } finally {
      clearTimeout(settle);
      stopWatching();
    }
  })();
  const onAbort = () => {
    current?.abort(signal.reason);
    wakeUp?.();
  };
  signal.addEventListener("abort", onAbort, { once: true });

  async function judgeOnce(): Promise<void> {
    const upTo = to.state().app.filesSeq;
    const controller = new AbortController();
    current = controller;
    to.dispatch({ kind: "app-judging", at: to.now().toISOString(), upTo });
    try {
      const judged = await source.judge(AbortSignal.any([signal, controller.signal]));
      to.dispatch({ kind: "app-judged", at: to.now().toISOString(), upTo, ...judged });
    } catch (error) {
      if (signal.aborted || controller.signal.aborted) return;
      const problem = error instanceof Error ? error.message : String(error);
      const unjudged: Judged = { ...harnessError(`labgrade could not judge the app: ${problem}`), source: "none" };
      to.dispatch({ kind: "app-judged", at: to.now().toISOString(), upTo, digest: null, verdicts: Object.fromEntries(appSteps.map((id) => [id, unjudged])), reused: false });
    } finally {
      current = null;
    }
  }

  return { wake, done: done.finally(() => signal.removeEventListener("abort", onAbort)) };
}
