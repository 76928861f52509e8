import { vi } from "vitest";

// What a command printed on stdout and stderr while `run` ran, without letting it reach the test's terminal.
export async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { result: await run(), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
