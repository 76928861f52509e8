import { createHash } from "node:crypto";
import path from "node:path";
import { isEngineFault } from "../runners/engine-fault.ts";
import { requirementsFiles } from "../dockerfile/pip-installs.ts";
import { cancelled, HarnessError, harnessFailure } from "../errors.ts";
import { locateApp } from "../evidence/app-folder.ts";
import { commandScript, readDockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import { dockerignoreExcludes } from "../dockerfile/dockerignore.ts";
import { readInside } from "../evidence/read-inside.ts";
import type { AppBuilder, AppRunner, Sandbox } from "../runners/app-runner.ts";
import { externalBases } from "../dockerfile/base-images.ts";
import { contextDigest } from "../runners/context-digest.ts";
import { codeIdentity } from "../version.ts";
import type { AppEvidence } from "../lab/app-evidence.ts";
import type { AppCache, AppOutcome } from "./app-cache.ts";

export interface AppStageDeps {
  /** Both null when no engine answered. */
  builder: AppBuilder | null;
  runner: AppRunner | null;
  /** The image id of the base the app is built on (labgrade's python copy), prepared once per grader. */
  baseImageId: () => Promise<string>;
  /** Unique per grade: the tag the app is built under. */
  gradeId: string;
  labels: Record<string, string>;
  sandbox: Sandbox;
  buildTimeoutMs: number;
  /** Apps already built and run by this grader, by what they build: a class of verbatim copies builds once. */
  cache?: AppCache;
  /** Where a build and run waits its turn (bulk grading bounds builds, not grades). */
  slots?: <T>(work: () => Promise<T>) => Promise<T>;
  /** labgrade's own bound on one build and run, counted from its turn: past it, a harness failure. */
  boundMs?: number;
  /** What the lab's steps read of the app (default both): no build when none judges it (a lab that starts services or
   * reads only the folder), no run when none judges the run (a server is asked over HTTP as a service instead). */
  work?: { build: boolean; run: boolean };
  /** The paths in the app's container the lab's run steps read once it has ended (LabApp.runFiles). */
  files?: readonly string[];
  signal?: AbortSignal;
}

export interface AppStageResult {
  evidence: AppEvidence;
  buildMs: number;
  runMs: number;
  /** The digest of the app's build context (null without a Dockerfile): equal digests build the same app. */
  appDigest: string | null;
  /** Whether the build and run came from an earlier grade of the same app. */
  reused: boolean;
}

// Reads the submission's folder, then builds and runs its app in the sandbox. Whatever goes wrong on
// labgrade's side becomes `harnessProblem`, so the other steps are still graded; a cancellation throws.
export async function gatherAppEvidence(submissionDir: string, deps: AppStageDeps): Promise<AppStageResult> {
  const app = await locateApp(submissionDir);
  const evidence: AppEvidence = { app, facts: null, requirements: null, dockerignoreExcluded: null, appFile: null, build: null, run: null, harnessProblem: null };
  const none: AppStageResult = { evidence, buildMs: 0, runMs: 0, appDigest: null, reused: false };
  if (!app.dir || !app.dockerfile) return none;
  const dockerfileText = await readInside(app.dir, app.dockerfile.file);
  if (dockerfileText === null) return none;
  const facts = readDockerfileFacts(dockerfileText);
  evidence.facts = facts;
  const requirementsFile = requirementsFiles(facts)[0];
  evidence.requirements = requirementsFile ? await readInside(app.dir, requirementsFile.startsWith("/") ? path.posix.basename(requirementsFile) : requirementsFile) : null;
  evidence.appFile = app.appScript;
  const script = commandScript(facts) ?? app.appScript;
  evidence.dockerignoreExcluded = app.dockerignore && script ? dockerignoreExcludes(app.dockerignore, path.posix.basename(script)) : null;
  const appDigest = await contextDigest(app.dir, app.dockerfile.file);
  if (deps.work?.build === false) return { ...none, appDigest };
  if (!deps.builder || !deps.runner) {
    evidence.harnessProblem = { ok: false, code: "ENGINE_UNREACHABLE", error: "no Docker engine answered" };
    return { ...none, appDigest };
  }
  const { builder, runner } = deps;
  try {
    const bases = externalBases(facts);
    const key = appKey(appDigest, await deps.baseImageId(), bases, deps);
    const cached = deps.cache?.get(key);
    const slot = deps.slots ?? ((work) => work());
    const source = { appDir: app.dir, dockerfile: app.dockerfile.file, bases };
    const outcome = cached ?? slot(() => bounded(deps, (signal) => buildAndRun(builder, runner, source, { ...deps, ...(signal ? { signal } : {}) })));
    if (!cached) deps.cache?.set(key, outcome);
    const result = await outcome.catch((error: unknown) => {
      // A failure of labgrade's or the engine's is never remembered: the next grade tries again.
      deps.cache?.delete(key);
      throw error;
    });
    // A build the engine broke (no space left …) is judged an error: not remembered either.
    if (!result.build.ok && isEngineFault(result.build.error ?? "")) deps.cache?.delete(key);
    Object.assign(evidence, { build: result.build, run: result.run });
    return { evidence, buildMs: cached ? 0 : result.buildMs, runMs: cached ? 0 : result.runMs, appDigest, reused: Boolean(cached) };
  } catch (error) {
    if (deps.signal?.aborted) throw cancelled(deps.signal);
    evidence.harnessProblem = harnessFailure(error);
    return { ...none, appDigest };
  }
}

// Runs one build and run under labgrade's own bound (from when its turn came, not from when it queued).
async function bounded<T>(deps: AppStageDeps, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
  if (deps.signal?.aborted) throw cancelled(deps.signal);
  if (!deps.boundMs) return work(deps.signal);
  const bound = AbortSignal.timeout(deps.boundMs);
  try {
    return await work(deps.signal ? AbortSignal.any([deps.signal, bound]) : bound);
  } catch (error) {
    if (bound.aborted && !deps.signal?.aborted) throw new HarnessError("TIMEOUT", `labgrade's own bound on one build and run (${Math.round(deps.boundMs / 1000)} s) ran out.`);
    throw error;
  }
}

async function buildAndRun(builder: AppBuilder, runner: AppRunner, app: { appDir: string; dockerfile: string; bases: string[] }, deps: AppStageDeps): Promise<AppOutcome> {
  const signal = deps.signal ? { signal: deps.signal } : {};
  let started = Date.now();
  const tag = appTag(deps.gradeId);
  const build = await builder.build({ appDir: app.appDir, dockerfile: app.dockerfile, externalBases: app.bases, tag, labels: deps.labels, timeoutMs: deps.buildTimeoutMs, sandbox: deps.sandbox, ...signal });
  const buildMs = Date.now() - started;
  if (!build.ok || deps.work?.run === false) return { build, run: null, buildMs, runMs: 0 };
  started = Date.now();
  const files = deps.files?.length ? { files: deps.files } : {};
  const run = await runner.run({ image: tag, labels: deps.labels, sandbox: deps.sandbox, ...files, ...signal });
  return { build, run, buildMs, runMs: Date.now() - started };
}

/** The tag a grade builds its app under. */
export const appTag = (gradeId: string) => `labgrade/app:${gradeId}`;

// What decides the outcome of a build and run: the context, the base, labgrade itself and the limits.
function appKey(digest: string, baseId: string, bases: string[], deps: AppStageDeps): string {
  return createHash("sha256").update(JSON.stringify({ digest, baseId, bases, code: codeIdentity(), sandbox: deps.sandbox, buildTimeoutMs: deps.buildTimeoutMs, run: deps.work?.run !== false, files: deps.files ?? [] })).digest("hex");
}
