import path from "node:path";
import { requirementsFiles } from "../checks/pip-installs.ts";
import { locateApp } from "../evidence/app-folder.ts";
import { commandScript, readDockerfileFacts } from "../evidence/dockerfile-facts.ts";
import { dockerignoreExcludes } from "../evidence/dockerignore.ts";
import { readInside } from "../evidence/read-inside.ts";
import type { AppBuilder, AppRunner, Sandbox } from "../runners/app-runner.ts";
import { externalBases } from "../runners/base-images.ts";
import type { AppEvidence } from "./app-evidence.ts";

export interface AppStageDeps {
  /** Both null when no engine answered. */
  builder: AppBuilder | null;
  runner: AppRunner | null;
  runId: string;
  labels: Record<string, string>;
  sandbox: Sandbox;
  buildTimeoutMs: number;
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
  if (!deps.builder || !deps.runner) {
    evidence.harnessProblem = "no Docker engine answered";
    return { evidence, ...timings };
  }
  try {
    let started = Date.now();
    const tag = imageTag(deps.runId);
    evidence.build = await deps.builder.build({ appDir: app.dir, dockerfile: app.dockerfile.file, externalBases: externalBases(facts), tag, labels: deps.labels, timeoutMs: deps.buildTimeoutMs, sandbox: deps.sandbox });
    timings.buildMs = Date.now() - started;
    if (evidence.build.ok) {
      started = Date.now();
      evidence.run = await deps.runner.run({ image: tag, labels: deps.labels, sandbox: deps.sandbox });
      timings.runMs = Date.now() - started;
    }
  } catch (error) {
    evidence.harnessProblem = error instanceof Error ? error.message : String(error);
  }
  return { evidence, ...timings };
}

const imageTag = (runId: string) => `labgrade/app:${runId}`;
