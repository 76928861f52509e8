import type { EngineSnapshot } from "../evidence/types.ts";
import type { AppEvidence } from "./app-evidence.ts";
import { type CheckResult, failed, harnessError } from "./check-result.ts";
import { appSteps, type EngineStep, engineSteps, type Fact, type Lab, readsOnly } from "./lab.ts";
import type { Judged } from "./result.ts";

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
const COLLECT_AGAIN = "Collect the evidence again with the current labgrade (`npx labgrade collect -o evidence.json`) and hand it in.";
/** What evidence files written before format 3 do not hold. */
const NEWER_FACTS: readonly Fact[] = ["volumes", "networks"];

// The lab's engine steps, judged the one way every mode shares, each after the engine steps it requires. Pure.
export function judgeEngine(lab: Pick<Lab, "steps">, input: EngineInput): Record<string, Judged> {
  return withRequirements(lab, Object.fromEntries(engineSteps(lab).map((step) => [step.id, engineVerdict(step, input)])));
}

function engineVerdict(step: EngineStep, input: EngineInput): Judged {
  if (input.kind === "missing") return { ...failed(input.reason, COLLECT_HINT), source: "none" };
  if (input.kind === "unavailable") {
    const hint = readsOnly(step, "engine") ? `${START_ENGINE} ${NOT_HERE_HINT}` : NOT_HERE_HINT;
    return { status: "skipped", message: `Not judged here: this step is judged from the Docker engine where the lab was done, and ${input.why}.`, hint, source: "none" };
  }
  const { snapshot, source } = input;
  // An evidence file written where no engine answered holds no state: only docker-engine can be judged from it.
  if (snapshot.engine === null && !readsOnly(step, "engine")) return { ...harnessError("labgrade could not read the Docker engine, so this step could not be judged."), source };
  // An evidence file from before labgrade read volumes and networks cannot show a step that reads them.
  const unseen = NEWER_FACTS.filter((fact) => step.reads.includes(fact) && snapshot[fact as "volumes" | "networks"] === undefined);
  if (unseen.length > 0) return { ...failed(`Expected evidence that shows the engine's ${unseen.join(" and ")}; found an evidence file from an older labgrade (${snapshot.labgradeVersion}), which does not record them.`, COLLECT_AGAIN), source };
  return { ...step.check(snapshot), source };
}

// The lab's app steps, judged the one way every mode shares. Pure. A step that needs the build or the run is an
// error when labgrade could not make them; a step that reads only the folder is judged from it all the same.
// A build the engine broke (its verdict an error) leaves the run's steps unjudged too, never the student's failure.
export function judgeApp(lab: Pick<Lab, "steps">, input: AppInput): Record<string, Judged> {
  let problem = input.evidence.harnessProblem;
  const judged = appSteps(lab).map((step): [string, Judged] => {
    const result: CheckResult = problem && !readsOnly(step, "folder") ? harnessError(`labgrade could not build or run the app: ${problem.error}`, undefined, problem.code) : step.check(input.evidence);
    if (!problem && result.status === "error" && step.reads.includes("build")) problem = { ok: false, error: result.message, code: result.errorCode ?? "ENGINE_FAILED" };
    return [step.id, { ...result, source: readsOnly(step, "folder") ? "hand-in" : input.runner }];
  });
  return Object.fromEntries(judged);
}

// Every step's verdict: the pipeline gathers, this judges. A step that requires others is judged only when they
// passed: after a failure it fails too (the student's to fix first), after an error or a skip it shares that.
export function judge(lab: Pick<Lab, "steps">, engine: EngineInput, app: AppInput | null): Record<string, Judged> {
  const verdicts: Record<string, Judged> = { ...judgeEngine(lab, engine), ...(app ? judgeApp(lab, app) : {}) };
  return withRequirements(lab, verdicts);
}

export function withRequirements(lab: Pick<Lab, "steps">, verdicts: Record<string, Judged>): Record<string, Judged> {
  const out = { ...verdicts };
  for (const step of lab.steps) {
    const blocking = step.requires.map((id) => ({ id, verdict: out[id] })).find((r) => r.verdict && r.verdict.status !== "passed");
    if (!blocking || !out[step.id]) continue;
    const source = out[step.id]!.source;
    const status = blocking.verdict!.status;
    out[step.id] =
      status === "failed"
        ? { ...failed(`Not judged yet: this step needs \`${blocking.id}\`, which did not pass.`, `Make \`${blocking.id}\` pass first.`), source }
        : { status, message: `Not judged: this step needs \`${blocking.id}\`, which ${status === "error" ? "labgrade could not judge" : "was not judged here"}.`, source, ...(blocking.verdict!.errorCode ? { errorCode: blocking.verdict!.errorCode } : {}) };
  }
  return out;
}


