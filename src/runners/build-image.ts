import { lstat, readdir } from "node:fs/promises";
import path from "node:path";
import type Dockerode from "dockerode";
import { followStream } from "../docker/follow.ts";
import { cancelled, HarnessError } from "../errors.ts";
import type { Sandbox } from "./app-runner.ts";
import { BuildLayers } from "./build-layers.ts";

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
  /** Memory, swap and CPU bounds for the build's RUN steps (the app's sandbox). */
  limits?: Pick<Sandbox, "memoryBytes" | "cpus">;
  /** The builder's output is kept up to this many characters (the end of it, where errors are). */
  logCap?: number;
  /** Stops the build; the call then throws a CANCELLED HarnessError. */
  signal?: AbortSignal;
  /** Told each image the build makes (not reused cache layers, not the base). */
  onLayer?: (id: string) => void;
}

export interface BuildResult {
  ok: boolean;
  /** The end of the builder's output, as the student would see it. */
  log: string;
  /** The daemon's own error text when the build failed. */
  error?: string;
  timedOut?: boolean;
  durationMs: number;
}

// Builds an image with the engine. A failed or overlong build is a result (the student's Dockerfile);
// an engine that breaks is a HarnessError.
export async function buildImage(docker: Dockerode, req: BuildRequest): Promise<BuildResult> {
  const started = Date.now();
  const cap = req.logCap ?? 64 * 1024;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), req.timeoutMs);
  const stop = () => abort.abort();
  req.signal?.addEventListener("abort", stop, { once: true });
  let log = "";
  const limits = req.limits ? { memory: req.limits.memoryBytes, memswap: req.limits.memoryBytes, cpuperiod: 100_000, cpuquota: Math.round(req.limits.cpus * 100_000) } : {};
  try {
    const stream = await docker.buildImage(
      { context: req.context, src: await listContext(req.context) },
      { t: req.tag, dockerfile: req.dockerfile ?? "Dockerfile", labels: req.labels, networkmode: req.networkMode ?? "none", rm: true, forcerm: true, abortSignal: abort.signal, ...limits } as Dockerode.ImageBuildOptions,
    );
    const layers = new BuildLayers((id) => req.onLayer?.(id));
    const outcome = await followStream(stream, (e) => {
      if (e.stream) layers.feed(e.stream);
      log = (log + (e.stream ?? (e.status ? `${e.status}\n` : ""))).slice(-cap);
    });
    if (req.signal?.aborted) throw cancelled(req.signal);
    if (abort.signal.aborted) return overtime(req, log, started);
    return { ok: outcome.error === undefined, log, ...(outcome.error !== undefined ? { error: outcome.error.trim() } : {}), durationMs: Date.now() - started };
  } catch (error) {
    if (req.signal?.aborted) throw cancelled(req.signal);
    if (abort.signal.aborted) return overtime(req, log, started);
    throw new HarnessError("ENGINE_FAILED", `The engine failed during the image build: ${(error as Error).message}`, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener("abort", stop);
  }
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
