import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StepStatus } from "../src/lab/check-result.ts";
import type { Lab } from "../src/lab/lab.ts";
import { labFolder, labHandIns, labWalks } from "../src/labfile/index.ts";
import { handoutLab } from "./lab/lab-steps.ts";

/** labgrade's own fixtures (evidence-v2's genuine and forged files, the lab reporter's run, the watch walk). */
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export interface SubmissionFixture {
  name: string;
  dir: string;
  description: string;
  /** The recorded walk's evidence (the lab's walks/<name>/evidence.json) that goes with this submission. */
  evidenceFile: string;
  timeoutSeconds: number | undefined;
  steps: Record<string, StepStatus>;
}

// Every hand-in of a lab (its reference/ and fixtures/) with the verdicts it states in its expected.json.
export function submissionFixtures(lab: Lab = handoutLab): SubmissionFixture[] {
  return labHandIns(lab)
    .map((h) => ({ name: h.name, dir: h.dir, description: h.description, evidenceFile: h.evidenceFile ?? "", timeoutSeconds: h.timeoutSeconds, steps: h.steps }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** A hand-in of the handout lab by name: `reference`, or one of its fixtures. */
export const handoutFixture = (name: string): string => (name === "reference" ? path.join(labFolder(handoutLab), "reference") : path.join(labFolder(handoutLab), "fixtures", name));

export interface EvidenceFixture {
  name: string;
  evidenceFile: string;
  steps: Record<string, StepStatus>;
}

// A lab's recorded walks (walks/<name>/), each with the statuses its expected.json states.
export function evidenceFixtures(lab: Lab = handoutLab): EvidenceFixture[] {
  return labWalks(lab).map((w) => ({ name: w.name, evidenceFile: w.evidenceFile, steps: w.steps }));
}

/** A recorded walk of the handout lab by name: `full-walk`, `never-started` … (its walks/<name>/ folder). */
export const handoutWalk = (name: string): string => path.join(labFolder(handoutLab), "walks", name);
