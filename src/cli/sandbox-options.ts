import { DEFAULT_SANDBOX, type Sandbox } from "../runners/app-runner.ts";

// --timeout S and --memory MiB, as `grade` and `bulk` take them, over the default sandbox.
export function sandboxFrom(options: { timeout?: number; memory?: number }): Sandbox {
  return {
    ...DEFAULT_SANDBOX,
    ...(options.timeout ? { timeoutMs: options.timeout * 1000 } : {}),
    ...(options.memory ? { memoryBytes: Math.round(options.memory * 1024 * 1024) } : {}),
  };
}
