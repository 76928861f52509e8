import { readFile } from "node:fs/promises";
import path from "node:path";
import type Dockerode from "dockerode";
import { locateApp, dockerignoreExcludes } from "../evidence/app-folder.ts";
import { requirementsFiles } from "../checks/pip-installs.ts";
import { commandScript, readDockerfileFacts, type DockerfileFacts } from "../evidence/dockerfile-facts.ts";
import { isHarnessError } from "../errors.ts";
import type { AppRunner, Sandbox } from "../runners/app-runner.ts";
import { prepareBuildContext } from "../runners/build-context.ts";
import { buildImage } from "../runners/build-image.ts";
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

// Reads the submission's folder, then builds and runs its app in the sandbox.
export async function gatherAppEvidence(submissionDir: string, deps: AppStageDeps): Promise<{ evidence: AppEvidence; buildMs: number; runMs: number }> {
  const app = await locateApp(submissionDir);
  const evidence: AppEvidence = { app, facts: null, requirements: null, dockerignoreExcluded: null, appFile: null, build: null, run: null, harnessProblem: null };
  const timings = { buildMs: 0, runMs: 0 };
  if (!app.dir || !app.dockerfile) return { evidence, ...timings };
  const facts = readDockerfileFacts(await readFile(path.join(app.dir, app.dockerfile.file), "utf8"));
  evidence.facts = facts;
  evidence.requirements = await readRequirements(app.dir, facts);
  evidence.appFile = app.appScript;
  const script = commandScript(facts) ?? app.appScript;
  evidence.dockerignoreExcluded = app.dockerignore && script ? dockerignoreExcludes(app.dockerignore, path.posix.basename(script)) : null;
  if (!deps.docker || !deps.runner) {
    evidence.harnessProblem = "no Docker engine answered";
    return { evidence, ...timings };
  }
  try {
    const base = await deps.preparePython();
    const context = await prepareBuildContext(app.dir, app.dockerfile.file, base.tag);
    const tag = `labgrade/app:${deps.runId}`;
    try {
      let started = Date.now();
      evidence.build = await buildImage(deps.docker, { context: context.dir, dockerfile: context.dockerfile, tag, labels: deps.labels, networkMode: base.substitute ? "none" : "default", timeoutMs: deps.buildTimeoutMs });
      timings.buildMs = Date.now() - started;
      if (evidence.build.ok) {
        started = Date.now();
        evidence.run = await deps.runner.run({ image: tag, labels: deps.labels, sandbox: deps.sandbox });
        timings.runMs = Date.now() - started;
      }
    } finally {
      await context.dispose();
    }
  } catch (error) {
    if (!isHarnessError(error)) throw error;
    evidence.harnessProblem = error.message;
  }
  return { evidence, ...timings };
}

async function readRequirements(dir: string, facts: DockerfileFacts): Promise<string | null> {
  const file = requirementsFiles(facts)[0];
  return file ? readFile(path.join(dir, path.posix.basename(file)), "utf8").catch(() => null) : null;
}
