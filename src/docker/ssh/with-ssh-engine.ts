import { cancelled, HarnessError } from "../../errors.ts";
import { openSshEngine, type SshEngine, type SshEngineOptions } from "./ssh-engine.ts";
import type { SshTarget } from "./ssh-target.ts";

export interface LiveSshOptions extends SshEngineOptions {
  /** How long reading the engine (and fetching the folder) may take once logged in. */
  readTimeoutMs: number;
}

// Opens the student's engine, does `work` with it within the read timeout, and closes the connection
// whatever happens: nothing of labgrade's stays on the student's machine after a grade. Past the timeout
// the connection is closed, which fails every request still in flight.
// A cancellation (Ctrl-C) closes it at once the same way.
export async function withSshEngine<T>(target: SshTarget, options: LiveSshOptions, work: (ssh: SshEngine, signal: AbortSignal) => Promise<T>, cancel?: AbortSignal): Promise<T> {
  if (cancel?.aborted) throw cancelled(cancel);
  const ssh = await openSshEngine(target, options);
  const deadline = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onCancel: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const stop = (why: HarnessError) => {
      deadline.abort();
      ssh.close();
      reject(why);
    };
    timer = setTimeout(() => stop(new HarnessError("ENGINE_UNREACHABLE", `could not reach ${target.host}: its engine and files were not read within ${Math.round(options.readTimeoutMs / 1000)} s`, "Check that the machine is not overloaded, then grade again.")), options.readTimeoutMs);
    onCancel = () => stop(cancelled(cancel!));
    cancel?.addEventListener("abort", onCancel, { once: true });
  });
  try {
    return await Promise.race([work(ssh, deadline.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onCancel) cancel?.removeEventListener("abort", onCancel);
    ssh.close();
  }
}
