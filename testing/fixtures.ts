import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { StepStatus } from "../src/lab/checks/check-result.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

export interface SubmissionFixture {
  name: string;
  dir: string;
  description: string;
  /** The recorded walk under fixtures/evidence/ whose engine snapshot goes with this submission. */
  evidenceFile: string;
  timeoutSeconds: number | undefined;
  steps: Record<string, StepStatus>;
}

// Every submission fixture with the verdicts it states in its expected.json.
export function submissionFixtures(): SubmissionFixture[] {
  const root = path.join(FIXTURES, "submissions");
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as { description: string; evidence: string; steps: Record<string, StepStatus>; sandbox?: { timeoutSeconds?: number } };
      return { name, dir, description: expected.description, evidenceFile: path.join(FIXTURES, "evidence", expected.evidence, "evidence.json"), timeoutSeconds: expected.sandbox?.timeoutSeconds, steps: expected.steps };
    });
}

export interface EvidenceFixture {
  name: string;
  evidenceFile: string;
  steps: Record<string, StepStatus>;
}

export function evidenceFixtures(root: string = path.join(FIXTURES, "evidence")): EvidenceFixture[] {
  return readdirSync(root)
    .sort()
    .map((name) => ({
      name,
      evidenceFile: path.join(root, name, "evidence.json"),
      steps: (JSON.parse(readFileSync(path.join(root, name, "expected.json"), "utf8")) as { steps: Record<string, StepStatus> }).steps,
    }));
}
