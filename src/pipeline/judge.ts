import { failed, harnessError, type CheckResult } from "../checks/check-result.ts";
import {
  checkDockerEngine,
  checkHelloWorldRan,
  checkHelloWorldRemoved,
  checkMycontainerCreated,
  checkMycontainerStarted,
  checkPythonappBuild,
  checkPythonappDockerfile,
  checkPythonappImage,
  checkPythonappOutput,
  checkPythonappPlot,
  checkPythonImageRemoved,
} from "../checks/index.ts";
import type { EngineSnapshot } from "../evidence/types.ts";
import type { StepId } from "../rubric/steps.ts";
import type { AppEvidence } from "./app-evidence.ts";
import { COLLECT_HINT, type EngineEvidence } from "./gather-snapshot.ts";

export type EngineStepId = "docker-engine" | "hello-world-ran" | "mycontainer-created" | "mycontainer-started" | "hello-world-removed" | "pythonapp-image" | "python-image-removed";
export type AppStepId = Exclude<StepId, EngineStepId>;

// The steps judged from the engine snapshot alone. Pure. Without evidence (none handed in, or not
// readable), each engine step fails with the reason: what was done on the engine cannot be seen.
export function judgeEngine(evidence: EngineEvidence | EngineSnapshot): Record<EngineStepId, CheckResult> {
  if ("missing" in evidence) {
    const missing = failed(evidence.missing, COLLECT_HINT);
    return { "docker-engine": missing, "hello-world-ran": missing, "mycontainer-created": missing, "mycontainer-started": missing, "hello-world-removed": missing, "pythonapp-image": missing, "python-image-removed": missing };
  }
  const snapshot = "schema" in evidence ? evidence : evidence.snapshot;
  const noEngine = snapshot.engine === null ? harnessError("labgrade could not read the Docker engine, so this step could not be judged.") : null;
  const fromEngine = (check: (s: EngineSnapshot) => CheckResult) => noEngine ?? check(snapshot);
  return {
    "docker-engine": checkDockerEngine(snapshot),
    "hello-world-ran": fromEngine(checkHelloWorldRan),
    "mycontainer-created": fromEngine(checkMycontainerCreated),
    "mycontainer-started": fromEngine(checkMycontainerStarted),
    "hello-world-removed": fromEngine(checkHelloWorldRemoved),
    "pythonapp-image": fromEngine(checkPythonappImage),
    "python-image-removed": fromEngine(checkPythonImageRemoved),
  };
}

// The steps judged from the submission's folder and its app's build and run. Pure.
export function judgeApp(app: AppEvidence): Record<AppStepId, CheckResult> {
  const appRan = (check: () => CheckResult) => (app.harnessProblem ? harnessError(`labgrade could not build or run the app: ${app.harnessProblem}`) : check());
  return {
    "pythonapp-dockerfile": checkPythonappDockerfile(app.app, app.facts, app.requirements),
    "pythonapp-build": appRan(() => checkPythonappBuild(app.app, app.build, app.facts)),
    "pythonapp-output": appRan(() => checkPythonappOutput(app.run, { dockerignoreExcluded: app.dockerignoreExcluded, appFile: app.appFile })),
    "pythonapp-plot": appRan(() => checkPythonappPlot(app.run)),
  };
}

// Every step's check on the evidence: the pipeline gathers, this judges.
export function judge(evidence: EngineEvidence | EngineSnapshot, app: AppEvidence): Record<StepId, CheckResult> {
  return { ...judgeEngine(evidence), ...judgeApp(app) };
}
