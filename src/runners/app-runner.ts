import type { RunResult } from "./types.ts";

export interface Sandbox {
  timeoutMs: number;
  memoryBytes: number;
  pidsLimit: number;
  cpus: number;
  /** stdout and stderr together are kept up to this many bytes; the rest is counted and dropped. */
  outputCapBytes: number;
}

export interface AppRunRequest {
  image: string;
  labels: Record<string, string>;
  sandbox: Sandbox;
}

// Runs a built app once, as an untrusted program. One implementation drives testcontainers; the
// interface keeps the pipeline honest and lets a remote engine or a throwaway daemon slot in.
export interface AppRunner {
  run(request: AppRunRequest): Promise<RunResult>;
}

export const DEFAULT_SANDBOX: Sandbox = { timeoutMs: 60_000, memoryBytes: 512 * 1024 * 1024, pidsLimit: 128, cpus: 1, outputCapBytes: 1024 * 1024 };
