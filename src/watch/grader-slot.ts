import type { Engine } from "../docker/connect.ts";
import { HarnessError } from "../errors.ts";
import type { Grader } from "../pipeline/grader.ts";

// The watcher's one grader, opened once and replaced only when it cannot serve: opened while no engine
// answered (the engine came later), or its private python copy was removed under it (`docker system prune -a`).
export class GraderSlot {
  private current: Promise<Grader> | null = null;
  private closed = false;

  constructor(private readonly open: () => Promise<Grader>) {}

  grader(): Promise<Grader> {
    if (this.closed) return Promise.reject(new Error("the watcher's grader is closed"));
    return (this.current ??= this.open().catch((error: unknown) => {
      this.current = null;
      throw error;
    }));
  }

  // A grader whose engine answered when it was opened; one opened without an engine is reopened.
  async withEngine(): Promise<Grader & { engine: Engine }> {
    let grader = await this.grader();
    if (!grader.engine) {
      await this.replace(grader);
      grader = await this.grader();
    }
    if (!grader.engine) throw new HarnessError("ENGINE_UNREACHABLE", "No Docker engine answered.", "Start Docker, then wait: the checklist resumes by itself.");
    return grader as Grader & { engine: Engine };
  }

  // Closes `stale` (removing what it created) and lets the next call open a new grader. A grader already
  // replaced is left alone, so two callers that saw the same stale grader replace it once.
  async replace(stale: Grader): Promise<void> {
    const current = this.current;
    if (!current || (await current.catch(() => null)) !== stale || this.current !== current) return;
    this.current = null;
    await stale.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = null;
    const grader = await current?.catch(() => null);
    await grader?.close();
  }
}
