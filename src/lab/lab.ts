import type { EngineSnapshot } from "../evidence/types.ts";
import type { AppEvidence } from "./app-evidence.ts";
import type { CheckResult } from "./check-result.ts";

// A lab as the grader sees it: a value read from a lab file (labfile/), handed to every way of grading. The grading
// core (judge, score, result, rubric, trust) knows no lab's names: everything a lab says is in this value.

export const LAB_SCHEMA = "labgrade.lab/1";

/** engine: judged from the Docker engine where the lab was done (live, or an evidence file). app: from the hand-in, built and run. */
export type StepKind = "engine" | "app";

/**
 * The facts a step reads. `engine`: whether an engine answered; `containers`, `logs` (what containers printed),
 * `images`, `volumes` and `networks`: the engine's state; `folder`: the hand-in's files, judged without building;
 * `build` and `run`: the app built and run (`run` covers what it printed, plotted and served).
 */
export type Fact = "engine" | "containers" | "logs" | "images" | "volumes" | "networks" | "folder" | "build" | "run";

export type EngineCheck = (snapshot: EngineSnapshot) => CheckResult;
export type AppCheck = (app: AppEvidence) => CheckResult;

interface StepBase {
  id: string;
  title: string;
  points: number;
  reads: readonly Fact[];
  /** Steps that must pass before this one is judged (earlier in the lab). */
  requires: readonly string[];
  /** The expectation's kind as the lab file names it (`container`, `plot`, `check` …): reports use it (a plot step shows the figure). */
  expect: string;
}
export interface EngineStep extends StepBase {
  kind: "engine";
  check: EngineCheck;
}
export interface AppStep extends StepBase {
  kind: "app";
  check: AppCheck;
}
export type LabStep = EngineStep | AppStep;

/** What the lab's commands make, by name: the lab's containers, and what watch and collect read. */
export interface LabMarks {
  /** Containers the steps name (`mycontainer`): a near miss of one is the lab's too. */
  containerNames: readonly string[];
  /** Images the lab's containers are made from, and the app's tag (`hello-world`, `pythonapp`). */
  containerImages: readonly string[];
  /** Compose services the steps name. */
  services: readonly string[];
  /** Containers whose output a step reads: by name (and near misses) or by image. */
  logsOf: { names: readonly string[]; images: readonly string[] };
  /** Images a step expects removed: their removal should show in the engine's events. */
  removedImages: readonly string[];
}

/** The app the hand-in holds, as the lab describes it. */
export interface LabApp {
  /** What students tag it (`docker build -t pythonapp .`). */
  tag: string;
  /** The image its Dockerfile builds FROM: grading builds on labgrade's own copy, and never pulls. */
  base: string;
  /** The script the app runs (`app.py`), or null. */
  script: string | null;
  /** The handout's own files, by name: a hand-in with exactly these is not a sign of shared work. */
  handoutFiles: Readonly<Record<string, string>>;
  /** A compose lab: the compose file the hand-in holds, started in the sandbox instead of one app. */
  compose: string | null;
  /** What the lab's steps need started as services in the sandbox (compose_up, http): null when none does. */
  services: LabServices | null;
  /** The paths in the app's container its run steps read once it has ended (`run.files`), each once. */
  runFiles: readonly string[];
}

export interface LabServices {
  /** How long the services are given to start before they are judged. */
  settleMs: number;
  /** The HTTP requests its http steps make, inside the sandbox's network. */
  probes: Array<{ service: string; port: number; path: string; withinMs: number }>;
}

/** The service the one app of a lab without a compose file runs as. */
export const APP_SERVICE = "app";

export interface Lab {
  schema: typeof LAB_SCHEMA;
  id: string;
  title: string;
  /** A link or path to the handout students follow; null when the lab file names none. */
  handout: string | null;
  /** "sha256:" and 12 hex digits over the lab file and its TypeScript checks: journals and reports carry it. */
  digest: string;
  /** The lab file it was read from. */
  file: string;
  /** The files it names beside its lab file (the handout's files, its own checks), relative to its folder. */
  files: readonly string[];
  /** The images the lab's commands use: pulled, or built offline by labgrade. */
  images: readonly string[];
  app: LabApp | null;
  steps: readonly LabStep[];
  marks: LabMarks;
}

/** A step as a rubric grades it: the lab's definition with the points a rubric file may change. */
export interface Step {
  id: string;
  title: string;
  points: number;
  kind: StepKind;
  /** The kind of its expectation, when it comes from a lab (reports show a plot step's figure). */
  expect?: string;
  /** The facts it reads, when it comes from a lab: the reasons of suspicious evidence that touch one doubt its verdict. */
  reads?: readonly Fact[];
}

export const rubricSteps = (lab: Pick<Lab, "steps">): Step[] => lab.steps.map(({ id, title, points, kind, expect, reads }) => ({ id, title, points, kind, expect, reads }));

/** The lab's id, title and digest, as reports and journals name it. */
export const labRef = (lab: Pick<Lab, "id" | "title" | "digest">): { id: string; title: string; digest: string } => ({ id: lab.id, title: lab.title, digest: lab.digest });
export const stepIds = (lab: Pick<Lab, "steps">): string[] => lab.steps.map((s) => s.id);
export const engineSteps = (lab: Pick<Lab, "steps">): EngineStep[] => lab.steps.filter((s): s is EngineStep => s.kind === "engine");
export const appSteps = (lab: Pick<Lab, "steps">): AppStep[] => lab.steps.filter((s): s is AppStep => s.kind === "app");

/** The steps that read a kind of fact: what an engine event or a change of the folder can change. */
export const stepsReading = (lab: Pick<Lab, "steps">, fact: Fact): string[] => lab.steps.filter((s) => s.reads.includes(fact)).map((s) => s.id);

/** Whether a step reads nothing but `fact` (docker-engine reads only `engine`; a Dockerfile step only `folder`). */
export const readsOnly = (step: { reads: readonly Fact[] }, fact: Fact): boolean => step.reads.every((r) => r === fact);
