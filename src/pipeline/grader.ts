import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pLimit from "p-limit";
import type { LabgradeConfig } from "../config.ts";
import { removeRun, removeStale } from "../docker/cleanup.ts";
import type { Engine } from "../docker/connect.ts";
import { newRun, type Run } from "../docker/labels.ts";
import { openEngine } from "../docker/open-engine.ts";
import { pointTestcontainersAt } from "../docker/testcontainers-setup.ts";
import { isHarnessError } from "../errors.ts";
import { withLock } from "../lock/index.ts";
import { ensurePrivateCopy } from "../images/ensure-private.ts";
import { imageState } from "../images/image-state.ts";
import { PYTHON } from "../images/lab-images.ts";
import { registryAnswers } from "../images/registry.ts";
import { substituteBuilder } from "../images/substitutes.ts";
import { silentProgress, type Progress } from "../progress/progress.ts";
import type { Lab, Step } from "../lab/lab.ts";
import type { AppBuilder, AppRunner, Sandbox } from "../runners/app-runner.ts";
import { openDriver } from "../runners/app-driver.ts";
import type { PrivatePython } from "../runners/docker-app-builder.ts";
import { sweepBuildCgroups } from "../runners/build-cgroup.ts";
import { sweepLayerLedgers } from "../runners/image-janitor.ts";
import { sweepBuildCacheLedgers } from "../runners/build-cache.ts";
import { LocalEnvironment, type LocalOptions } from "../runners/local/index.ts";
import { chooseBuilder } from "../runners/choose-builder.ts";
import { AppCache } from "./app-cache.ts";
import { sweepTempFolders } from "./temp-sweep.ts";
import { appWork } from "./app-work.ts";
import { ensureWheelsForGrading } from "./wheels-for-grading.ts";

export interface GraderOptions {
  config: LabgradeConfig;
  /** The lab graded: its steps' checks, its containers, its app. */
  lab: Lab;
  /** The lab's steps with a rubric's points (rubricSteps(lab) when there is no rubric file). */
  steps: readonly Step[];
  sandbox: Sandbox;
  buildTimeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Shows preparing the base image (minutes when it is built offline). */
  progress?: Progress;
  /** How many apps may build and run at once, whatever the number of grades in flight (default: no bound). */
  appConcurrency?: number;
  /** labgrade's own bound on one build and run, from its turn (bulk: a stuck engine call is retried). */
  appBoundMs?: number;
  /**
   * Grading without an engine: apps are built and run on this machine (runners/local/) when no engine answers
   * ("fallback"), or always, without asking one ("only": `--no-engine`). Without this an app step with no engine
   * is an error: bulk grading runs students' apps only in containers.
   */
  local?: LocalOptions & {
    mode: "fallback" | "only";
    /** Make the wheel cache first when there is none (default true; see wheels-for-grading.ts). */
    prepareWheels?: boolean;
  };
}

/** Opened once, grades many: the engine, one run's labels, the base image prepared once, the app cache. */
export interface Grader {
  readonly options: Required<Pick<GraderOptions, "env">> & GraderOptions;
  readonly engine: Engine | null;
  /** Why no engine is used ("--no-engine", or why none answered); null with one. */
  readonly noEngine?: string | null;
  /** Apps built and run without an engine, when they are. */
  readonly local?: LocalEnvironment | null;
  readonly run: Run;
  readonly builder: AppBuilder | null;
  readonly runner: AppRunner | null;
  readonly cache: AppCache;
  /** Where builds and runs queue: a grade waiting on another's build of the same app holds no slot. */
  readonly appSlots?: <T>(work: () => Promise<T>) => Promise<T>;
  /** labgrade's private python copy, made at most once however many grades ask at the same time. */
  basePython(): Promise<PrivatePython & { id: string }>;
  /** A grade is done with its app image: removed with the layers its build made, once no build is running. */
  releaseApp(tag: string): Promise<void>;
  /** Removes everything this grader's run created. Safe to call twice. */
  close(): Promise<void>;
}

// Opens the engine (or none: grades then judge what they can and say the rest could not be judged),
// removes what crashed runs left behind, and points testcontainers at the same engine.
export async function openGrader(options: GraderOptions): Promise<Grader> {
  const env = options.env ?? process.env;
  const run = newRun();
  let noEngine: string | null = options.local?.mode === "only" ? "--no-engine" : null;
  const engine = noEngine
    ? null
    : await openEngine(options.config, env).catch((error: unknown) => {
        if (!isHarnessError(error)) throw error;
        noEngine = error.message;
        return null;
      });
  await sweepTempFolders();
  await sweepBuildCgroups();
  if (engine) {
    await removeStale(engine.docker, { currentRun: run.id });
    await sweepLayerLedgers(engine.docker);
    await sweepBuildCacheLedgers(engine.docker);
    pointTestcontainersAt(engine.endpoint, env);
  }
  const local = !engine && options.local ? new LocalEnvironment({ env, ...options.local }) : null;
  // Only a lab whose steps build its app needs the wheels an app's Dockerfile installs.
  if (local && options.local?.prepareWheels !== false && appWork(options.lab).build) {
    const progress = options.progress ?? silentProgress;
    await ensureWheelsForGrading({ dir: local.wheelsDir, ...(options.local?.python ? { python: options.local.python } : {}), config: options.config, env, progress, askEngine: options.local?.mode === "only" });
  }
  let python: Promise<PrivatePython & { id: string }> | undefined;
  const basePython = (): Promise<PrivatePython & { id: string }> => {
    if (!engine && local) return local.toolchain(false).then(({ python: p, wheels }) => ({ substitute: true, tag: "python", id: `local:${p.executable}:${p.version}:${wheels?.digest ?? "no-wheels"}` }));
    if (!engine) return Promise.reject(new Error("no Docker engine answered"));
    python ??= preparePython(engine, options.config, options.progress ?? silentProgress).catch((error: unknown) => {
      python = undefined; // a failure is not remembered: the next grade tries again
      throw error;
    });
    return python.then(async (made): Promise<PrivatePython & { id: string }> => {
      // Still there? A `docker system prune -a` between two grades (a student watching) removes it.
      if ((await imageState(engine.docker, made.tag)).present) return made;
      python = undefined;
      return basePython();
    });
  };
  const driver = openDriver(engine ? { engine: engine.docker, runId: run.id, basePython, builder: () => chooseBuilder(engine.docker, engine.endpoint.url, env) } : local ? { local } : null);
  let closed: Promise<void> | undefined;
  return {
    options: { ...options, env },
    engine,
    noEngine,
    local,
    run,
    builder: driver?.builder ?? null,
    runner: driver?.runner ?? null,
    cache: new AppCache(),
    ...(options.appConcurrency ? { appSlots: slots(options.appConcurrency) } : {}),
    basePython,
    releaseApp: async (tag) => driver?.release(tag),
    close: () =>
      (closed ??= (async () => {
        if (engine) await removeRun(engine.docker, run.id).catch(() => undefined);
        await driver?.close().catch(() => undefined);
        if (!engine) return;
        // A killed run's layers that its engine still held at open are free by now.
        await sweepLayerLedgers(engine.docker).catch(() => undefined);
        await sweepBuildCacheLedgers(engine.docker).catch(() => undefined);
      })()),
  };
}

function slots(n: number): <T>(work: () => Promise<T>) => Promise<T> {
  const limit = pLimit(n);
  return (work) => limit(work);
}

// One process at a time prepares the python base on an engine: two that find it missing at once would
// both build it, and the second tag would leave the first's image (and its builds' parent) untagged.
async function preparePython(engine: Engine, config: LabgradeConfig, progress: Progress): Promise<PrivatePython & { id: string }> {
  const file = path.join(os.tmpdir(), `labgrade-python-base-${createHash("sha256").update(engine.endpoint.url).digest("hex").slice(0, 12)}.lock`);
  const copy = await withLock(file, { command: "labgrade", guards: `the python base image on ${engine.endpoint.url}`, wait: true }, () => ensurePrivateCopy(PYTHON, {
    docker: engine.docker,
    registryAnswers: () => registryAnswers(config.registryUrl, config.registryTimeoutMs),
    buildSubstitute: substituteBuilder(engine.docker, config),
    progress,
    forceOffline: config.forceOffline,
  }));
  return { substitute: copy.substitute, tag: PYTHON.privateTag, id: copy.id };
}
