import { readdir } from "node:fs/promises";
import type Dockerode from "dockerode";
import { followStream } from "../docker/follow.ts";
import { HarnessError } from "../errors.ts";

export interface BuildRequest {
  /** The build context folder. */
  context: string;
  /** The Dockerfile's path inside the context. */
  dockerfile?: string;
  tag: string;
  labels: Record<string, string>;
  /** "none" keeps the build off the network; a real base image then needs everything locally. */
  networkMode?: "none" | "default";
  timeoutMs: number;
}

export interface BuildResult {
  ok: boolean;
  /** The builder's output, as the student would see it. */
  log: string;
  /** The daemon's own error text when the build failed. */
  error?: string;
  durationMs: number;
}

// Builds an image with the engine. A failed build is a result (the student's Dockerfile); an engine that
// breaks or a build that outlives its bound is a HarnessError.
export async function buildImage(docker: Dockerode, req: BuildRequest): Promise<BuildResult> {
  const started = Date.now();
  const src = await listContext(req.context);
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), req.timeoutMs);
  try {
    const stream = await docker.buildImage(
      { context: req.context, src },
      {
        t: req.tag,
        dockerfile: req.dockerfile ?? "Dockerfile",
        labels: req.labels,
        networkmode: req.networkMode ?? "none",
        rm: true,
        forcerm: true,
        abortSignal: abort.signal,
      } as Dockerode.ImageBuildOptions,
    );
    const outcome = await followStream(docker, stream);
    const log = outcome.events.map((e) => e.stream ?? e.status ?? "").join("");
    return { ok: outcome.error === undefined, log, ...(outcome.error !== undefined ? { error: outcome.error.trim() } : {}), durationMs: Date.now() - started };
  } catch (error) {
    if (abort.signal.aborted) throw new HarnessError("TIMEOUT", `The image build did not finish within ${Math.round(req.timeoutMs / 1000)}s.`);
    throw new HarnessError("ENGINE_FAILED", `The engine failed during the image build: ${(error as Error).message}`, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

async function listContext(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => !e.isDirectory()).map((e) => (e.parentPath === dir ? e.name : `${e.parentPath.slice(dir.length + 1)}/${e.name}`));
}
