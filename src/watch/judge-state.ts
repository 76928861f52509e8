import type { StepStatus } from "../lab/check-result.ts";
import { judgeEngine, withRequirements, type EngineInput } from "../lab/judge.ts";
import type { Judged } from "../lab/result.ts";
import { scoreSteps, type Scored } from "../lab/score.ts";
import type { Lab, Step } from "../lab/lab.ts";
import type { AppPhase, WatchState } from "./watch-state.ts";

/** "pending": not judged yet (the engine has not been read, or the app is being built for the first time). */
export type WatchStatus = StepStatus | "pending";

/** What the checklist shows of a step before points: a verdict, or that it is still to come. */
export type Shown = Omit<Judged, "status"> & { status: WatchStatus; stale: boolean };

/** A step of the checklist: the result model's step, with "pending" and whether it is judged from what was true before. */
export type WatchStep = Scored<Shown>;

export type EngineWord = "connecting" | "answering" | "not answering";

/** The checklist as the student sees it, judged from the state alone. */
export interface WatchView {
  steps: WatchStep[];
  score: number;
  max: number;
  engine: EngineWord;
  app: AppPhase;
}

const WAITING_ENGINE: Omit<Shown, "stale"> = { status: "pending", message: "Waiting for the Docker engine to answer.", source: "none" };
const WAITING_APP: Omit<Shown, "stale"> = { status: "pending", message: "Building and running the app (the first build can take a minute)…", source: "none" };

// Judges every step from the state: the engine steps from the newest snapshot, the app steps from the newest
// build and run, through the judge and scorer every mode shares. Pure, so a recorded walk replays to the same checklist.
export function judgeState(state: WatchState, lab: Pick<Lab, "steps">, steps: readonly Step[]): WatchView {
  const engineInput = engineInputOf(state);
  const judged = withRequirements(lab, { ...(engineInput ? judgeEngine(lab, engineInput) : {}), ...(state.app.verdicts ?? {}) });
  const engine = engineInput ? judged : null;
  const app = state.app.verdicts ? judged : null;
  const engineStale = state.link.kind !== "answering" && state.snapshot !== null;
  const appStale = state.app.phase === "judging" && app !== null;
  const scored = scoreSteps(steps, (step): Shown => {
    if (step.kind === "engine") return { ...(engine?.[step.id] ?? WAITING_ENGINE), stale: engineStale };
    return { ...(app?.[step.id] ?? WAITING_APP), stale: appStale };
  });
  return {
    steps: scored.steps,
    score: scored.score,
    max: scored.maxScore,
    engine: state.link.kind === "answering" ? "answering" : state.link.kind === "lost" ? "not answering" : "connecting",
    app: state.app.phase,
  };
}

// Before any read: nothing while connecting; once the engine has failed to answer, what every mode says
// without an engine (the engine steps not judged here, docker-engine with how to start it).
function engineInputOf(state: WatchState): EngineInput | null {
  if (state.snapshot) return { kind: "snapshot", snapshot: state.snapshot, source: "live" };
  if (state.link.kind !== "lost") return null;
  return { kind: "unavailable", why: "the Docker engine is not answering" };
}
