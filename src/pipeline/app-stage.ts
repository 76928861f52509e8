import path from "node:path";
import type Dockerode from "dockerode";
import { requirementsFiles } from "../checks/pip-installs.ts";
import { locateApp } from "../evidence/app-folder.ts";
import { commandScript, readDockerfileFacts } from "../evidence/dockerfile-facts.ts";
import { dockerignoreExcludes } from "../evidence/dockerignore.ts";
import { readInside } from "../evidence/read-inside.ts";
import { imageState } from "../images/image-state.ts";
import type { AppRunner, Sandbox } from "../runners/app-runner.ts";
import { externalBases } from "../runners/base-images.ts";
import { prepareBuildContext } from "../runners/build-context.ts";
import { buildImage, type BuildResult } from "../runners/build-image.ts";
import type { AppEvidence } from "./app-evidence.ts";

export interface AppStageDeps {
  docker: Dockerode | null;
  runner: AppRunner | null;
  runId: string;
  labels: Record<string, string>;
  sandbox: Sandbox;
  buildTimeoutMs: number;
  /** Makes sure labgrade's private python copy exists; says whether it is the offline substitute. */
  preparePython: () => Promise<{ substitute: boolean; tag: string }>;
}

// Reads the submission's folder, then builds and runs its app in the sandbox. Whatever goes wrong on
// labgrade's side becomes `harnessProblem`, so the other steps are still graded.
export async function gatherAppEvidence(submissionDir: string, deps: AppStageDeps): Promise<{ evidence: AppEvidence; buildMs: number; runMs: number }> {
  const app = await locateApp(submissionDir);
  const evidence: AppEvidence = { app, facts: null, requirements: null, dockerignoreExcluded: null, appFile: null, build: null, run: null, harnessProblem: null };
  const timings = { buildMs: 0, runMs: 0 };
  if (!app.dir || !app.dockerfile) return { evidence, ...timings };
  const dockerfileText = await readInside(app.dir, app.dockerfile.file);
  if (dockerfileText === null) return { evidence, ...timings };
  const facts = readDockerfileFacts(dockerfileText);
  evidence.facts = facts;
  const requirementsFile = requirementsFiles(facts)[0];
  evidence.requirements = requirementsFile ? await readInside(app.dir, requirementsFile.startsWith("/") ? path.posix.basename(requirementsFile) : requirementsFile) : null;
  evidence.appFile = app.appScript;
  const script = commandScript(facts) ?? app.appScript;
  evidence.dockerignoreExcluded = app.dockerignore && script ? dockerignoreExcludes(app.dockerignore, path.posix.basename(script)) : null;
  if (!deps.docker || !deps.runner) {
    evidence.harnessProblem = "no Docker engine answered";
    return { evidence, ...timings };
  }
  try {
    let started = Date.now();
    evidence.build = (await missingBase(deps.docker, externalBases(facts))) ?? (await build(deps, app.dir, app.dockerfile.file));
    timings.buildMs = Date.now() - started;
    if (evidence.build.ok) {
      started = Date.now();
      evidence.run = await deps.runner.run({ image: imageTag(deps.runId), labels: deps.labels, sandbox: deps.sandbox });
      timings.runMs = Date.now() - started;
    }
  } catch (error) {
    evidence.harnessProblem = error instanceof Error ? error.message : String(error);
  }
  return { evidence, ...timings };
}

const imageTag = (runId: string) => `labgrade/app:${runId}`;

async function build(deps: AppStageDeps, appDir: string, dockerfile: string): Promise<BuildResult> {
  const base = await deps.preparePython();
  const context = await prepareBuildContext(appDir, dockerfile, base.tag);
  try {
    return await buildImage(deps.docker!, {
      context: context.dir,
      dockerfile: context.dockerfile,
      tag: imageTag(deps.runId),
      labels: deps.labels,
      networkMode: base.substitute ? "none" : "default",
      timeoutMs: deps.buildTimeoutMs,
      limits: deps.sandbox,
    });
  } finally {
    await context.dispose();
  }
}

// A failed build, without building, when the Dockerfile needs a base image the engine does not hold.
async function missingBase(docker: Dockerode, bases: string[]): Promise<BuildResult | null> {
  for (const image of bases) {
    const present = !image.includes("$") && (await imageState(docker, image)).present;
    if (!present) {
      return { ok: false, log: "", durationMs: 0, error: `pull access denied for ${image}: labgrade builds only on images already on the engine and never pulls (\`${image}\` is not there). The lab's Dockerfile starts FROM python.` };
    }
  }
  return null;
}
