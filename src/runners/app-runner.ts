import type { BuildResult } from "./types.ts";
import type { RunResult } from "./types.ts";

export interface Sandbox {
  timeoutMs: number;
  memoryBytes: number;
  pidsLimit: number;
  cpus: number;
  /** stdout and stderr together are kept up to this many bytes; the rest is counted and dropped. */
  outputCapBytes: number;
  /** How much the app may write into its container's filesystem (watched; see disk-watch.ts). */
  diskBytes: number;
}

export interface AppRunRequest {
  image: string;
  labels: Record<string, string>;
  sandbox: Sandbox;
  /** Paths in the app's container to read once it has ended (a lab's `run.files`): the result's `files`. */
  files?: readonly string[];
  /** Stops the app and removes its container; the call then throws a CANCELLED HarnessError. */
  signal?: AbortSignal;
}

// Runs a built app once, as an untrusted program. One implementation drives testcontainers; the
// interface keeps the pipeline honest and lets a remote engine or a throwaway daemon slot in.
export interface AppRunner {
  run(request: AppRunRequest): Promise<RunResult>;
}

export interface AppBuildRequest {
  appDir: string;
  dockerfile: string;
  /** The base images the Dockerfile names other than python and its own stages (see base-images.ts). */
  externalBases: string[];
  tag: string;
  labels: Record<string, string>;
  timeoutMs: number;
  sandbox: Sandbox;
  signal?: AbortSignal;
  /** Told each image the build makes on the way (see build-layers.ts), however the build ends. */
  onLayer?: (id: string, layer: { shared: boolean }) => void;
}

// Builds a submission's app from its folder, without writing to the folder or changing the engine's tags.
// A failed build is a result; a broken engine is a HarnessError.
export interface AppBuilder {
  build(request: AppBuildRequest): Promise<BuildResult>;
}

export const DEFAULT_SANDBOX: Sandbox = { timeoutMs: 60_000, memoryBytes: 512 * 1024 * 1024, pidsLimit: 128, cpus: 1, outputCapBytes: 1024 * 1024, diskBytes: 256 * 1024 * 1024 };
