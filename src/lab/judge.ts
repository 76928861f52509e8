import type { EngineSnapshot } from "../evidence/types.ts";
import type { AppEvidence } from "./app-evidence.ts";
import { type CheckResult, failed, harnessError } from "./checks/check-result.ts";
import type { Judged } from "./result.ts";
import { type AppStepId, type EngineStepId, LAB_STEPS, type StepId, type StepReads } from "./steps.ts";

/**
 * What the engine steps are judged from, in every way of grading:
 * - snapshot: the engine's state, read live or from an evidence file;
 * - missing: the hand-in was to carry its evidence and does not (or it cannot be read): the student's to fix;
 * - unavailable: nothing here can see the engine where the lab was done (no engine answered, --no-engine):
 *   neither the student's mistake nor labgrade's failure, so those steps are not judged here.
 */
export type EngineInput =
  | { kind: "snapshot"; snapshot: EngineSnapshot; source: "live" | "evidence-file" }
  | { kind: "missing"; reason: string }
  | { kind: "unavailable"; why: string };

/** What the app steps are judged from: the folder, and its build and run where labgrade could make them. */
export interface AppInput {
  evidence: AppEvidence;
  /** Where the app was built and run. */
  runner: "docker" | "local";
}

const COLLECT_HINT = "On the machine where you did the lab, run `npx labgrade collect -o evidence.json` and hand evidence.json in with your folder.";
const NOT_HERE_HINT = "Grade where the engine you did the lab on answers, or run `npx labgrade collect -o evidence.json` on that machine and hand it in with your folder.";
const START_ENGINE = "Start Docker Desktop and wait until it says the engine is running (on Linux: `sudo systemctl start docker`), then check with `docker version`.";

const ENGINE_DEFINITIONS = LAB_STEPS.filter((s) => s.kind === "engine");
const APP_DEFINITIONS = LAB_STEPS.filter((s) => s.kind === "app");

// The engine steps, judged the one way every mode shares. Pure.
export function judgeEngine(input: EngineInput): Record<EngineStepId, Judged> {
  const judged = ENGINE_DEFINITIONS.map((step): [EngineStepId, Judged] => [step.id, engineVerdict(step, input)]);
  return Object.fromEntries(judged) as Record<EngineStepId, Judged>;
}

function engineVerdict(step: (typeof ENGINE_DEFINITIONS)[number], input: EngineInput): Judged {
  if (input.kind === "missing") return { ...failed(input.reason, COLLECT_HINT), source: "none" };
  if (input.kind === "unavailable") {
    const hint = readsOnly(step, "engine") ? `${START_ENGINE} ${NOT_HERE_HINT}` : NOT_HERE_HINT;
    return { status: "skipped", message: `Not judged here: this step is judged from the Docker engine where the lab was done, and ${input.why}.`, hint, source: "none" };
  }
  const { snapshot, source } = input;
  // An evidence file written where no engine answered holds no state: only docker-engine can be judged from it.
  if (snapshot.engine === null && !readsOnly(step, "engine")) return { ...harnessError("labgrade could not read the Docker engine, so this step could not be judged."), source };
  return { ...step.check(snapshot), source };
}

// The app steps, judged the one way every mode shares. Pure. A step that needs the build or the run is an
// error when labgrade could not make them; the Dockerfile step is judged from the folder all the same.
// A build the engine broke (its verdict an error) leaves the run's steps unjudged too, never the student's failure.
export function judgeApp(input: AppInput): Record<AppStepId, Judged> {
  let problem = input.evidence.harnessProblem;
  const judged = APP_DEFINITIONS.map((step): [AppStepId, Judged] => {
    const result: CheckResult = problem && !readsOnly(step, "folder") ? harnessError(`labgrade could not build or run the app: ${problem.error}`, undefined, problem.code) : step.check(input.evidence);
    if (!problem && result.status === "error" && (step.reads as readonly StepReads[]).includes("build")) problem = { ok: false, error: result.message, code: result.errorCode ?? "ENGINE_FAILED" };
    return [step.id, { ...result, source: readsOnly(step, "folder") ? "hand-in" : input.runner }];
  });
  return Object.fromEntries(judged) as Record<AppStepId, Judged>;
}

const readsOnly = (step: { reads: readonly StepReads[] }, fact: StepReads) => step.reads.every((r) => r === fact);

// Every step's verdict: the pipeline gathers, this judges.
export function judge(engine: EngineInput, app: AppInput): Record<StepId, Judged> {
  return { ...judgeEngine(engine), ...judgeApp(app) };
}
