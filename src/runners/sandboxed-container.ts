import { GenericContainer } from "testcontainers";
import { AbstractWaitStrategy } from "testcontainers/build/wait-strategies/wait-strategy.js";
import type { Sandbox } from "./app-runner.ts";

// testcontainers' one-shot wait removes a container that exits non-zero, losing its exit code and logs
// (a student's failing app is exactly that case), so "started" is enough: labgrade waits for the exit itself.
class StartedIsEnough extends AbstractWaitStrategy {
  override async waitUntilReady(): Promise<void> {}
}

// A GenericContainer with the limits testcontainers has no builder method for (swap, pids, logs).
export class SandboxedContainer extends GenericContainer {
  private onCreated: ((id: string) => Promise<void>) | undefined;

  constructor(image: string, sandbox: Sandbox) {
    super(image);
    this.withNetworkMode("none")
      .withResourcesQuota({ cpu: sandbox.cpus })
      .withSecurityOpt("no-new-privileges")
      .withDroppedCapabilities("ALL")
      .withWaitStrategy(new StartedIsEnough())
      .withAutoRemove(false)
      // No Ryuk reaper for the student's app: it would add an image and a container to the student's
      // engine; labgrade removes its own containers by label (docker/cleanup.ts).
      .withAutoCleanup(false);
    this.hostConfig.Memory = sandbox.memoryBytes;
    this.hostConfig.MemorySwap = sandbox.memoryBytes;
    this.hostConfig.PidsLimit = sandbox.pidsLimit;
    // No log file at all: the app's output is read by attaching before it starts (every byte it writes is
    // counted, none lost to a rotated log), and a flood never reaches the engine's disk.
    this.hostConfig.LogConfig = { Type: "none", Config: {} };
  }

  /** Runs once the container exists and before it starts: where its output is attached. */
  withCreatedHook(hook: (id: string) => Promise<void>): this {
    this.onCreated = hook;
    return this;
  }

  protected override async containerCreated(containerId: string): Promise<void> {
    await this.onCreated?.(containerId);
  }
}
