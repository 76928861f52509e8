import type { EngineSnapshot } from "../evidence/types.ts";
import type { AppEvidence } from "./app-evidence.ts";
import type { CheckResult } from "./checks/check-result.ts";
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
} from "./checks/index.ts";

/** engine: judged from the Docker engine where the lab was done (live, or an evidence file). app: from the hand-in's folder, built and run. */
export type StepKind = "engine" | "app";

/**
 * The facts a step reads. `engine`: whether an engine answered (judged even from a snapshot without one);
 * `containers`, `logs` (what containers printed) and `images`: the engine's state; `folder`: the hand-in's files,
 * judged without building; `build` and `run`: the app built and run.
 */
export type StepReads = "engine" | "containers" | "logs" | "images" | "folder" | "build" | "run";

interface StepBase {
  title: string;
  points: number;
  reads: readonly StepReads[];
}
interface EngineStepDefinition extends StepBase {
  id: string;
  kind: "engine";
  check: (snapshot: EngineSnapshot) => CheckResult;
}
interface AppStepDefinition extends StepBase {
  id: string;
  kind: "app";
  check: (app: AppEvidence) => CheckResult;
}
export type StepDefinition = EngineStepDefinition | AppStepDefinition;

// The lab, in the handout's order. The step ids are a public contract: reports, tests and instructors' rubric
// files use them. Changing a step's title, points or kind, or adding one with its check, is a change here.
export const LAB_STEPS = [
  { id: "docker-engine", kind: "engine", reads: ["engine"], points: 10, title: "The Docker client and an engine answer", check: checkDockerEngine },
  { id: "hello-world-ran", kind: "engine", reads: ["containers", "logs"], points: 10, title: "hello-world ran and printed its greeting", check: checkHelloWorldRan },
  { id: "mycontainer-created", kind: "engine", reads: ["containers"], points: 10, title: "mycontainer was created from hello-world with -i -t", check: checkMycontainerCreated },
  { id: "mycontainer-started", kind: "engine", reads: ["containers", "logs"], points: 10, title: "mycontainer was started and printed hello-world's output", check: checkMycontainerStarted },
  { id: "hello-world-removed", kind: "engine", reads: ["containers", "images"], points: 10, title: "The hello-world image was removed after use", check: checkHelloWorldRemoved },
  {
    id: "pythonapp-dockerfile",
    kind: "app",
    reads: ["folder"],
    points: 5,
    title: "The Dockerfile: FROM python, pip install numpy matplotlib, COPY the app, CMD",
    check: (app) => checkPythonappDockerfile(app.app, app.facts, app.requirements),
  },
  { id: "pythonapp-build", kind: "app", reads: ["folder", "build"], points: 10, title: "The Dockerfile builds", check: (app) => checkPythonappBuild(app.app, app.build, app.facts) },
  {
    id: "pythonapp-output",
    kind: "app",
    reads: ["run"],
    points: 15,
    title: "The app prints the squaring function's numbers and exits 0",
    check: (app) => checkPythonappOutput(app.run, { dockerignoreExcluded: app.dockerignoreExcluded, appFile: app.appFile }),
  },
  { id: "pythonapp-plot", kind: "app", reads: ["run"], points: 10, title: "The app plots y = x² with the handout's title and labels", check: (app) => checkPythonappPlot(app.run) },
  { id: "pythonapp-image", kind: "engine", reads: ["images"], points: 5, title: "An image tagged pythonapp exists", check: checkPythonappImage },
  { id: "python-image-removed", kind: "engine", reads: ["images"], points: 5, title: "The python image was removed", check: checkPythonImageRemoved },
] as const satisfies readonly StepDefinition[];

type LabStep = (typeof LAB_STEPS)[number];
export type StepId = LabStep["id"];
export type EngineStepId = Extract<LabStep, { kind: "engine" }>["id"];
export type AppStepId = Extract<LabStep, { kind: "app" }>["id"];

export const STEP_IDS: readonly StepId[] = LAB_STEPS.map((s) => s.id);
export const ENGINE_STEP_IDS = LAB_STEPS.filter((s) => s.kind === "engine").map((s) => s.id) as EngineStepId[];
export const APP_STEP_IDS = LAB_STEPS.filter((s) => s.kind === "app").map((s) => s.id) as AppStepId[];

/** A step as a rubric grades it: the lab's definition with the points a rubric file may change. */
export interface Step {
  id: StepId;
  title: string;
  points: number;
  kind: StepKind;
}

export const DEFAULT_STEPS: readonly Step[] = LAB_STEPS.map(({ id, title, points, kind }) => ({ id, title, points, kind }));

export const isEngineStep = (id: string): id is EngineStepId => (ENGINE_STEP_IDS as readonly string[]).includes(id);

/** A step as a results file or journal row names it (id, title, points), with its kind from the lab. */
export const stepOf = (id: StepId, title: string, points: number): Step => ({ id, title, points, kind: isEngineStep(id) ? "engine" : "app" });

/** The steps that read a kind of fact: what an engine event or a change of the folder can change. */
export const stepsReading = (fact: StepReads): StepId[] => LAB_STEPS.filter((s) => (s.reads as readonly StepReads[]).includes(fact)).map((s) => s.id);
