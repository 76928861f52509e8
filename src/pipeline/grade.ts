import path from "node:path";
import { cancelled } from "../errors.ts";
import { silentProgress, type Progress } from "../progress/progress.ts";
import { appSteps, labRef } from "../lab/lab.ts";
import type { GradeReport } from "../lab/result.ts";
import { score } from "../lab/score.ts";
import { version } from "../version.ts";
import { gradeApp } from "./grade-app.ts";
import type { EvidenceOption } from "./evidence-source.ts";
import { gatherSnapshot, labContainerIds } from "./gather-snapshot.ts";
import { gradeTrust, type TrustOptions } from "./grade-trust.ts";
import { classSignals } from "../trust/assess-class.ts";
import { stepsInDoubt } from "../trust/steps-in-doubt.ts";
import type { Grader } from "./grader.ts";
import { judge } from "../lab/judge.ts";

export interface Submission {
  dir: string;
  evidence: EvidenceOption;
  /** The name reports show; the folder's name by default. */
  name?: string;
}

export interface GradeOptions {
  signal?: AbortSignal;
  progress?: Progress;
  /** The class's rules for evidence files (`--require-evidence`, `--window`). */
  trust?: TrustOptions;
  /** The clock the trust checks read (collection in the future …); now by default. */
  now?: Date;
}

// Grades one submission with an open grader: evidence first (before anything is built), then the app,
// then the checks. No process-wide effects: a cancellation comes in as a signal, and everything this
// grade created is removed before it returns or throws (gradeApp), leaving the grader's other grades alone.
export async function grade(grader: Grader, submission: Submission, options: GradeOptions = {}): Promise<GradeReport> {
  const { signal } = options;
  const progress = options.progress ?? silentProgress;
  const started = Date.now();
  const { engine } = grader;
  const { lab } = grader.options;
  if (signal?.aborted) throw cancelled(signal);
  progress.stage("reading the evidence", 0.05);
  const evidenceStarted = Date.now();
  const evidence = await gatherSnapshot(submission.dir, submission.evidence, engine, noEngineWhy(grader), lab.marks);
  const evidenceMs = Date.now() - evidenceStarted;
  // A lab whose steps are all judged from the engine has no app to build.
  const hasApp = appSteps(lab).length > 0;
  if (hasApp) progress.stage("building and running the app", 0.3);
  const app = hasApp ? await gradeApp(grader, submission.dir, signal) : null;
  const trust = gradeTrust(evidence, app?.evidence.facts ?? null, options.trust ?? {}, options.now ?? new Date(started), lab);
  const scored = score(grader.options.steps, judge(lab, evidence.input, app ? { evidence: app.evidence, runner: engine ? "docker" : "local" } : null));
  // Every engine step shares the grade's level; those reading the facts a reason touches are in doubt.
  const doubted = stepsInDoubt(trust, lab.steps);
  const steps = scored.steps.map((s) => (s.kind === "engine" ? { ...s, trust: trust.level, ...(doubted.includes(s.id) ? { inDoubt: true } : {}) } : s));
  progress.done(`graded: ${scored.score}/${scored.maxScore}`);
  const run = app?.evidence.run;
  return {
    labgradeVersion: version(),
    lab: labRef(lab),
    submission: { name: submission.name ?? path.basename(path.resolve(submission.dir)), path: path.resolve(submission.dir) },
    evidence: evidence.source,
    trust,
    startedAt: new Date(started).toISOString(),
    timings: { evidenceMs, buildMs: app?.buildMs ?? 0, runMs: app?.runMs ?? 0, totalMs: Date.now() - started },
    ...scored,
    steps,
    app: run ? { stdout: run.stdout, stderr: run.stderr, exitCode: run.exitCode, plots: run.plots } : null,
    fingerprint: { appDigest: app?.appDigest ?? null, appReused: app?.reused ?? false, containerIds: labContainerIds(evidence.snapshot, lab.marks), ...(evidence.read.kind === "file" ? { evidence: classSignals(evidence.read.evidence, lab.marks) } : {}) },
  };
}

// Why the engine steps are not judged here when no engine is used: the words a report and a student read.
function noEngineWhy(grader: Pick<Grader, "noEngine">): string {
  return grader.noEngine === "--no-engine" ? "labgrade ran with --no-engine" : "no Docker engine answered";
}
