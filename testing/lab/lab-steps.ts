// A shipped lab's steps as plain functions, for tests that hold a lab's messages to what they say.
import type { AppEvidence } from "../../src/lab/app-evidence.ts";
import type { CheckResult } from "../../src/lab/check-result.ts";
import type { EngineSnapshot } from "../../src/evidence/types.ts";
import { type Lab, rubricSteps, type Step } from "../../src/lab/lab.ts";
import { type TrustLab, trustLab } from "../../src/trust/trust-context.ts";
import { labWalkScripts, type Walk } from "../../src/recorder/walk-scripts.ts";
import { loadLab, referenceOf } from "../../src/labfile/index.ts";

/** The Docker installation lab, read from its lab file. */
export const handoutLab: Lab = await loadLab("docker-install");

export function engineCheck(id: string, lab: Lab = handoutLab): (snapshot: EngineSnapshot) => CheckResult {
  const step = lab.steps.find((s) => s.id === id);
  if (step?.kind !== "engine") throw new Error(`${lab.id} has no engine step "${id}"`);
  return step.check;
}

export function appCheck(id: string, lab: Lab = handoutLab): (evidence: Partial<AppEvidence>) => CheckResult {
  const step = lab.steps.find((s) => s.id === id);
  if (step?.kind !== "app") throw new Error(`${lab.id} has no app step "${id}"`);
  return (evidence) => step.check(appEvidence(evidence));
}

// App evidence with only what a test is about.
export function appEvidence(over: Partial<AppEvidence> = {}): AppEvidence {
  const app = { dir: "/s", dockerfile: { file: "Dockerfile", exact: true }, misses: [], candidates: [], files: ["Dockerfile", "app.py"], filesTruncated: false, pyFiles: ["app.py"], dockerignore: null, appScript: "app.py" };
  return { app, facts: null, requirements: null, dockerignoreExcluded: null, appFile: "app.py", build: null, run: null, harnessProblem: null, ...over };
}

// The handout lab's steps and files under the names tests have long used for them.
export const DEFAULT_STEPS: readonly Step[] = rubricSteps(handoutLab);
export const STEP_IDS: readonly string[] = DEFAULT_STEPS.map((s) => s.id);
export const ENGINE_STEP_IDS: readonly string[] = DEFAULT_STEPS.filter((s) => s.kind === "engine").map((s) => s.id);
export const APP_STEP_IDS: readonly string[] = DEFAULT_STEPS.filter((s) => s.kind === "app").map((s) => s.id);
export const isEngineStep = (id: string): boolean => ENGINE_STEP_IDS.includes(id);
export const HANDOUT_FILES: Readonly<Record<string, string>> = handoutLab.app?.handoutFiles ?? {};
export const HANDOUT_TRUST: TrustLab = trustLab(handoutLab);
export type { Step };
export type StepId = string;
export type EngineStepId = string;
export type AppStepId = string;
/** The handout lab's reference hand-in. */
export const HANDOUT_REFERENCE: string = referenceOf(handoutLab);

/** The handout lab's walks, as its walks.yaml gives them. */
export const HANDOUT_WALKS: Walk[] = labWalkScripts(handoutLab);
