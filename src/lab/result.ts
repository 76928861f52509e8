import type { CheckResult } from "./check-result.ts";
import type { StepKind } from "./lab.ts";
import type { ClassSignals, Trust, TrustLevel } from "./trust-level.ts";

/**
 * Where a step's verdict was judged from:
 * - live: the engine labgrade read during this grade;
 * - evidence-file: an evidence.json (handed in, or named with --evidence);
 * - none: nothing that could show this step (no engine answered, no evidence file, or none handed in);
 * - hand-in: the submission's own files (the Dockerfile as written);
 * - docker / local: the app was built and run on a Docker engine, or without one (a python venv on this machine).
 */
export type StepSource = "live" | "evidence-file" | "none" | "hand-in" | "docker" | "local";

/** A check's verdict with where its evidence came from: what the judge gives every mode. */
export interface Judged extends CheckResult {
  source: StepSource;
}

// One result model for every way of grading; every reporter renders it, none computes grades.
export interface StepResult extends Judged {
  id: string;
  title: string;
  kind: StepKind;
  /** The kind of the step's expectation in the lab file (`container`, `plot` …); absent in older reports. */
  expect?: string;
  points: number;
  maxPoints: number;
  /** Engine steps: how far the evidence this verdict was judged from can be trusted (absent on app steps and in older reports). */
  trust?: TrustLevel;
  /** An engine step whose verdict a reason of the suspicious evidence puts in doubt: it reads the facts the reason touches. */
  inDoubt?: boolean;
}

/** Which lab a grade is of: absent in reports written before labs were files (the Docker installation lab). */
export interface LabRef {
  id: string;
  title: string;
  /** The lab file's digest (see Lab.digest). */
  digest: string;
}

export interface GradeReport {
  labgradeVersion: string;
  lab?: LabRef;
  submission: { name: string; path: string };
  /** "live" or the evidence file graded from. */
  evidence: string;
  /** How far the engine steps' evidence can be trusted, and why not; absent in older reports. */
  trust?: Trust;
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
    /** What the class's trust checks compare, from an evidence file (absent for a live read, none, and in older reports). */
    evidence?: ClassSignals;
  };
}
