import type { CheckResult, StepStatus } from "../checks/check-result.ts";
import { snapshotWithoutEngine } from "../evidence/collect-live.ts";
import type { EngineSnapshot } from "../evidence/types.ts";
import { judgeEngine, type AppStepId, type EngineStepId } from "../pipeline/judge.ts";
import type { Step, StepId } from "../rubric/steps.ts";
import type { AppPhase, WatchState } from "./watch-state.ts";

/** "pending": not judged yet (the engine has not been read, or the app is being built for the first time). */
export type WatchStatus = StepStatus | "pending";

export interface WatchStep {
  id: StepId;
  title: string;
  status: WatchStatus;
  points: number;
  maxPoints: number;
  message: string;
  hint?: string;
  /** Judged from what was true before: the engine is not answering, or the app is being rebuilt. */
  stale: boolean;
}

export type EngineWord = "connecting" | "answering" | "not answering";

/** The checklist as the student sees it, judged from the state alone. */
export interface WatchView {
  steps: WatchStep[];
  score: number;
  max: number;
  engine: EngineWord;
  app: AppPhase;
}

const ENGINE_STEPS: readonly EngineStepId[] = ["docker-engine", "hello-world-ran", "mycontainer-created", "mycontainer-started", "hello-world-removed", "pythonapp-image", "python-image-removed"];
type Shown = { status: WatchStatus; message: string; hint?: string };

const WAITING_ENGINE: Shown = { status: "pending", message: "Waiting for the Docker engine to answer." };
const WAITING_APP: Shown = { status: "pending", message: "Building and running the app (the first build can take a minute)…" };

// Judges every step from the state: the engine steps from the newest snapshot, the app steps from the newest
// build and run. Pure, so a recorded walk replays to the same checklist.
export function judgeState(state: WatchState, steps: readonly Step[]): WatchView {
  const engine = engineResults(state);
  const app = state.app.verdicts;
  const engineStale = state.link.kind !== "answering" && state.snapshot !== null;
  const appStale = state.app.phase === "judging" && app !== null;
  const judged = steps.map((step): WatchStep => {
    const isEngine = (ENGINE_STEPS as readonly StepId[]).includes(step.id);
    const result: Shown = isEngine ? (engine?.[step.id as EngineStepId] ?? WAITING_ENGINE) : (app?.[step.id as AppStepId] ?? WAITING_APP);
    return {
      id: step.id,
      title: step.title,
      status: result.status,
      points: result.status === "passed" ? step.points : 0,
      maxPoints: step.points,
      message: result.message,
      ...(result.hint ? { hint: result.hint } : {}),
      stale: isEngine ? engineStale : appStale,
    };
  });
  return {
    steps: judged,
    score: judged.reduce((sum, s) => sum + s.points, 0),
    max: steps.reduce((sum, s) => sum + s.points, 0),
    engine: state.link.kind === "answering" ? "answering" : state.link.kind === "lost" ? "not answering" : "connecting",
    app: state.app.phase,
  };
}

// Before any read: nothing while connecting; once the engine has failed to answer, what `grade` says
// without an engine (docker-engine failed with how to start it, the others not judged).
function engineResults(state: WatchState): Record<EngineStepId, CheckResult> | null {
  if (state.snapshot) return judgeEngine(state.snapshot);
  if (state.link.kind !== "lost") return null;
  return judgeEngine(withoutEngine(state.clientVersion));
}

function withoutEngine(clientVersion: string | null): EngineSnapshot {
  return snapshotWithoutEngine({ clientVersion, labgradeVersion: "", now: new Date(0) });
}
