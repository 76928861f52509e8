import { lstat, readdir } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import type Dockerode from "dockerode";
import { followStream } from "../docker/follow.ts";
import { cancelled, HarnessError, isHarnessError } from "../errors.ts";
import { dockerfileRejection } from "../dockerfile/build-rejection.ts";
import type { Sandbox } from "./app-runner.ts";
import { openBuildCgroup, type BuildCgroup } from "./build-cgroup.ts";
import { BuildLayers } from "./build-layers.ts";
import { unboundedRun } from "./run-bounds.ts";
import type { BuildResult } from "./types.ts";

export interface BuildRequest {
  /** The build context folder. */
  context: string;
  /** The Dockerfile's path inside the context. */
  dockerfile?: string;
  tag: string;
  labels: Record<string, string>;
  /** "none" keeps RUN steps off the network; a real base image then needs everything locally. */
  networkMode?: "none" | "default";
  timeoutMs: number;
  /**
   * Memory, swap and CPU bounds for the build's RUN steps (the app's sandbox), and the pids bound for
   * all of a build's processes together, where labgrade can make a cgroup for it (see build-cgroup.ts).
   */
  limits?: Pick<Sandbox, "memoryBytes" | "cpus"> & Partial<Pick<Sandbox, "pidsLimit">>;
  /** The builder's output is kept up to this many characters (the end of it, where errors are). */
  logCap?: number;
  /** Stops the build; the call then throws a CANCELLED HarnessError. */
  signal?: AbortSignal;
  /** Told each image the build makes (not reused cache layers, not the base). */
  onLayer?: (id: string, layer: { shared: boolean }) => void;
  /** Steps whose layers serve other builds too (see hoist-pip.ts): reported as shared. */
  sharedSteps?: string[];
  /** How long an engine may take to answer a ping after a failed build before it counts as gone. */
  pingTimeoutMs?: number;
}

// Builds an image with the engine. A failed or overlong build is a result (the student's Dockerfile);
// an engine that breaks is a HarnessError. A build counts as built only when the daemon said so; a
// failure counts as the Dockerfile's only while the engine still answers: a daemon that is stopped
// mid-build kills the running step (exit 137) and reports that step as failed on its way down.
export async function buildImage(docker: Dockerode, req: BuildRequest): Promise<BuildResult> {
  // A grade that gave up while this build waited for its turn: nothing to build.
  if (req.signal?.aborted) throw cancelled(req.signal);
  const started = Date.now();
  const cap = req.logCap ?? 64 * 1024;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), req.timeoutMs);
  const stop = () => abort.abort();
  req.signal?.addEventListener("abort", stop, { once: true });
  let log = "";
  let cgroup: BuildCgroup | null = null;
  let unbounded: { pidsUnbounded?: string; limitsUnbounded?: string } = {};
  const limits = req.limits ? { memory: req.limits.memoryBytes, memswap: req.limits.memoryBytes, cpuperiod: 100_000, cpuquota: Math.round(req.limits.cpus * 100_000) } : {};
  try {
    cgroup = req.limits?.pidsLimit !== undefined ? await untilAborted(openBuildCgroup(docker, req.limits.pidsLimit), abort.signal) : null;
    const parent = cgroup?.cgroupParent ? { cgroupparent: cgroup.cgroupParent } : {};
    // The memory and CPU options are the engine's to apply: a rootless engine without cgroups takes them and applies none.
    const dropped = cgroup && req.limits ? unboundedRun(cgroup.engineLimits, { memoryBytes: req.limits.memoryBytes, cpus: req.limits.cpus }) : null;
    unbounded = { ...(cgroup?.unboundedReason ? { pidsUnbounded: cgroup.unboundedReason } : {}), ...(dropped ? { limitsUnbounded: dropped } : {}) };
    const stream = await docker.buildImage(
      { context: req.context, src: await listContext(req.context) },
      { t: req.tag, dockerfile: req.dockerfile ?? "Dockerfile", labels: req.labels, networkmode: req.networkMode ?? "none", rm: true, forcerm: true, abortSignal: abort.signal, ...limits, ...parent } as Dockerode.ImageBuildOptions,
    );
    const shared = new Set((req.sharedSteps ?? []).map(normalStep));
    const layers = new BuildLayers((id, step) => req.onLayer?.(id, { shared: shared.has(normalStep(step)) }));
    let built = false;
    const outcome = await followStream(stream, (e) => {
      if (e.stream) layers.feed(e.stream);
      if (e.aux?.ID || e.stream?.startsWith("Successfully built ")) built = true;
      log = (log + (e.stream ?? (e.status ? `${e.status}\n` : ""))).slice(-cap);
    });
    if (req.signal?.aborted) throw cancelled(req.signal);
    if (abort.signal.aborted) return overtime(req, log, started);
    clearTimeout(timer); // the build is over: asking the engine whether it lives is not part of it
    if (outcome.error !== undefined) {
      if (await engineAnswers(docker, req.pingTimeoutMs)) return { ok: false, log, error: outcome.error.trim(), durationMs: Date.now() - started, ...unbounded };
      throw engineStopped(`its last message was: ${outcome.error.trim()}`);
    }
    if (!built) {
      if (await engineAnswers(docker, req.pingTimeoutMs)) throw new HarnessError("ENGINE_FAILED", "The engine's build output ended without saying whether the image was built (no image id, no error). This is not the student's fault: grade again.");
      throw engineStopped("its build output ended without a result");
    }
    return { ok: true, log, durationMs: Date.now() - started, ...unbounded };
  } catch (error) {
    if (req.signal?.aborted) throw cancelled(req.signal);
    if (abort.signal.aborted) return overtime(req, log, started);
    if (isHarnessError(error)) throw error;
    // The classic builder reads the whole Dockerfile first: one it cannot read is refused with an HTTP error.
    const refused = dockerfileRejection(error);
    if (refused !== null) return { ok: false, log, error: refused, durationMs: Date.now() - started, ...unbounded };
    if (!(await engineAnswers(docker, req.pingTimeoutMs))) throw engineStopped(`the connection to it broke: ${(error as Error).message}`, error);
    throw new HarnessError("ENGINE_FAILED", `The engine failed during the image build: ${(error as Error).message}`, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", stop);
    // A cancelled run is on its way out: the sweep at the next start removes what is still busy.
    await cgroup?.remove(req.signal?.aborted ? 1_000 : 5_000);
  }
}

// Whether the engine still answers, asked on a new connection within a bound. A new connection matters:
// a stopping dockerd closes its listener first (new connections are refused) but keeps serving the
// connections it has, and Node's keep-alive agent would hand the ping one of those.
async function engineAnswers(docker: Dockerode, timeoutMs = 3_000): Promise<boolean> {
  const modem = docker.modem as Modem;
  const agent = modem.protocol === "https" ? new https.Agent({ keepAlive: false }) : new http.Agent({ keepAlive: false });
  const fresh: Modem = Object.assign(Object.create(modem) as Modem, { agent });
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  try {
    return await new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        abort.abort();
        resolve(false);
      }, timeoutMs);
      fresh.dial({ path: "/_ping", method: "GET", abortSignal: abort.signal, statusCodes: { 200: true, 500: "server error" } }, (error) => resolve(!error));
    });
  } finally {
    clearTimeout(timer);
    agent.destroy();
  }
}

// The part of docker-modem used here (its types are not this package's).
interface Modem {
  protocol?: string;
  dial(options: { path: string; method: string; abortSignal: AbortSignal; statusCodes: Record<number, boolean | string> }, callback: (error: unknown) => void): void;
}

function engineStopped(detail: string, cause?: unknown): HarnessError {
  return new HarnessError(
    "ENGINE_FAILED",
    `The Docker engine stopped answering during the image build (${detail}). This is not the student's fault: the build was not judged.`,
    "Check that the engine runs (`docker version`), then grade again.",
    cause === undefined ? undefined : { cause },
  );
}

// The cgroup is made before the build starts; a hung `docker info` must not outlast the build's timeout.
// What it made after an abort is removed, since the build never uses it.
function untilAborted(opening: Promise<BuildCgroup>, signal: AbortSignal): Promise<BuildCgroup> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      void opening.then((made) => made.remove(1_000)).catch(() => undefined);
      reject(new Error("aborted"));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    opening.then(
      (made) => {
        signal.removeEventListener("abort", onAbort);
        resolve(made);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function overtime(req: BuildRequest, log: string, started: number): BuildResult {
  return { ok: false, log, timedOut: true, error: `The build did not finish within ${Math.round(req.timeoutMs / 1000)} s and was stopped.`, durationMs: Date.now() - started };
}

// Every file and link of the context; the context is labgrade's own filtered copy of the app folder.
async function listContext(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const kept: string[] = [];
  for (const entry of entries) {
    const stat = await lstat(path.join(dir, entry));
    if (stat.isFile() || stat.isSymbolicLink()) kept.push(entry.split(path.sep).join("/"));
  }
  return kept;
}

const normalStep = (step: string) => step.replace(/\s+/g, " ").trim().toLowerCase();
