import type { Location, StepStatus } from "../checks/check-result.ts";
import type { StepId } from "../rubric/steps.ts";

// One result model; every reporter renders it, none computes grades.
export interface StepResult {
  id: StepId;
  title: string;
  status: StepStatus;
  points: number;
  maxPoints: number;
  message: string;
  hint?: string;
  details?: string;
  /** Where the failure is (relative to the app's folder), for reports that can point at a line. */
  location?: Location;
}

export interface GradeReport {
  labgradeVersion: string;
  submission: { name: string; path: string };
  /** "live" or the evidence file graded from. */
  evidence: string;
  startedAt: string;
  timings: { evidenceMs: number; buildMs: number; runMs: number; totalMs: number };
  steps: StepResult[];
  score: number;
  maxScore: number;
  /** What the app printed and plotted, for the HTML report. */
  app: {
    stdout: string;
    stderr: string;
    exitCode: number | null;
    plots: Array<{ figure: number; trigger: string; pngBase64: string | null }>;
  } | null;
  /** What bulk grading compares across a class (same work, verbatim handout); absent in older reports. */
  fingerprint?: {
    /** The digest of the app's build context; null without a Dockerfile. */
    appDigest: string | null;
    /** The build and run were shared with an earlier grade of the same app. */
    appReused: boolean;
    /** The ids of the lab's containers in the evidence (hello-world's, mycontainer, pythonapp's): random 256-bit ids do not coincide by chance. */
    containerIds: string[];
  };
}
