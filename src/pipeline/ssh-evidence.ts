import type { SshEngine } from "../docker/ssh/ssh-engine.ts";
import { type LiveSshOptions, withSshEngine } from "../docker/ssh/with-ssh-engine.ts";
import type { SshTarget } from "../docker/ssh/ssh-target.ts";
import { HarnessError, isHarnessError } from "../errors.ts";
import type { LabMarks } from "../lab/lab.ts";
import type { ReadEvidence } from "./evidence-source.ts";
import { readLiveSnapshot } from "./gather-snapshot.ts";

// The engine steps' evidence read live from the student's engine over SSH (trust: live), and whatever
// else `also` reads over the same connection (their folder). Reading only: nothing on their engine changes.
export async function readOverSsh<T = undefined>(target: SshTarget, options: LiveSshOptions, marks: LabMarks, also?: (ssh: SshEngine, signal: AbortSignal) => Promise<T>, cancel?: AbortSignal): Promise<{ evidence: ReadEvidence; also: T | undefined; addedHostKey: boolean }> {
  return withSshEngine(target, options, async (ssh, signal) => {
    const snapshot = await readLiveSnapshot(ssh.engine, marks).catch((error: unknown) => {
      // The connection dropping mid-read is the machine going away, said the same way as not reaching it.
      if (isHarnessError(error) && error.code === "ENGINE_FAILED") throw new HarnessError("ENGINE_UNREACHABLE", `could not reach ${target.host}: ${error.message}`, error.hint, { cause: error });
      throw error;
    });
    return { evidence: { kind: "read", snapshot, source: "live" }, also: also ? await also(ssh, signal) : undefined, addedHostKey: ssh.addedHostKey };
  }, cancel);
}
