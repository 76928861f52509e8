import path from "node:path";
import type { LabgradeConfig } from "../config.ts";
import { version } from "../cli/version.ts";
import { removeRun, removeStale } from "../docker/cleanup.ts";
import type { Engine } from "../docker/connect.ts";
import { newRun } from "../docker/labels.ts";
import { openEngine } from "../docker/open-engine.ts";
import { prepareTestcontainers } from "../docker/testcontainers-setup.ts";
import { isHarnessError } from "../errors.ts";
import { ensurePrivateCopy } from "../images/ensure-private.ts";
import { PYTHON } from "../images/lab-images.ts";
import { registryAnswers } from "../images/registry.ts";
import { substituteBuilder } from "../images/substitutes.ts";
import { silentProgress, type Progress } from "../progress/progress.ts";
import type { GradeReport } from "../reports/model.ts";
import { score } from "../rubric/score.ts";
import type { Step } from "../rubric/steps.ts";
import type { Sandbox } from "../runners/app-runner.ts";
import { DockerAppBuilder } from "../runners/docker-app-builder.ts";
import { TestcontainersAppRunner } from "../runners/testcontainers-app-runner.ts";
import { gatherAppEvidence } from "./app-stage.ts";
import { gatherSnapshot } from "./gather-snapshot.ts";
import { judge } from "./judge.ts";

export interface GradeRequest {
  submissionDir: string;
  /** "live", an evidence file, or undefined for the submission's evidence.json when it has one. */
  evidence: string | undefined;
  steps: readonly Step[];
  config: LabgradeConfig;
  sandbox: Sandbox;
  buildTimeoutMs: number;
  env?: NodeJS.ProcessEnv;
  progress?: Progress;
}

// Grades one submission: evidence first (before anything is built), then the app, then the checks.
// Everything labgrade creates carries this run's label and is removed before it returns.
export async function gradeSubmission(req: GradeRequest): Promise<GradeReport> {
  const started = Date.now();
  const progress = req.progress ?? silentProgress;
  const env = req.env ?? process.env;
  const run = newRun();
  const engine = await openEngine(req.config, env).catch((error: unknown) => {
    if (isHarnessError(error)) return null;
    throw error;
  });
  const registry = () => registryAnswers(req.config.registryUrl, req.config.registryTimeoutMs);
  if (engine) {
    await removeStale(engine.docker, { currentRun: run.id });
    // Never Ryuk while grading: pulling or starting it would add an image or a container to the
    // student's engine; labgrade removes its own objects by label instead.
    await prepareTestcontainers(engine.docker, engine.endpoint, "never", env);
  }
  // Ctrl-C mid-grade: remove this run's containers and image before leaving, rather than at the next start.
  const interrupted = () => {
    const exit = () => process.exit(130);
    if (engine) removeRun(engine.docker, run.id).then(exit, exit);
    else exit();
  };
  process.once("SIGINT", interrupted);
  try {
    progress.stage("reading the evidence", 0.05);
    const evidenceStarted = Date.now();
    const { snapshot, source } = await gatherSnapshot(req.submissionDir, req.evidence, engine, env);
    const evidenceMs = Date.now() - evidenceStarted;
    progress.stage("building and running the app", 0.3);
    const { evidence: app, buildMs, runMs } = await gatherAppEvidence(req.submissionDir, {
      builder: engine ? new DockerAppBuilder(engine.docker, () => preparePython(engine, req.config, registry, progress)) : null,
      runner: engine ? new TestcontainersAppRunner(engine.docker) : null,
      runId: run.id,
      labels: run.labels,
      sandbox: req.sandbox,
      buildTimeoutMs: req.buildTimeoutMs,
    });
    const scored = score(req.steps, judge(snapshot, app));
    progress.done(`graded: ${scored.score}/${scored.maxScore}`);
    return {
      labgradeVersion: version(),
      submission: { name: path.basename(path.resolve(req.submissionDir)), path: path.resolve(req.submissionDir) },
      evidence: source,
      startedAt: new Date(started).toISOString(),
      timings: { evidenceMs, buildMs, runMs, totalMs: Date.now() - started },
      ...scored,
      app: app.run ? { stdout: app.run.stdout, stderr: app.run.stderr, exitCode: app.run.exitCode, plots: app.run.plots } : null,
    };
  } finally {
    process.off("SIGINT", interrupted);
    if (engine) await removeRun(engine.docker, run.id).catch(() => {});
  }
}

async function preparePython(engine: Engine, config: LabgradeConfig, registry: () => Promise<boolean>, progress: Progress) {
  const copy = await ensurePrivateCopy(PYTHON, {
    docker: engine.docker,
    registryAnswers: registry,
    buildSubstitute: substituteBuilder(engine.docker, config),
    progress,
    forceOffline: config.forceOffline,
  });
  return { substitute: copy.substitute, tag: PYTHON.privateTag };
}
