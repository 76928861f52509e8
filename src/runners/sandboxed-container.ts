import { GenericContainer } from "testcontainers";
import { AbstractWaitStrategy } from "testcontainers/build/wait-strategies/wait-strategy.js";
import type { Sandbox } from "./app-runner.ts";

// testcontainers' one-shot wait removes a container that exits non-zero, losing its exit code and logs
// (a student's failing app is exactly that case), so "started" is enough: labgrade waits for the exit itself.
class StartedIsEnough extends AbstractWaitStrategy {
  override async waitUntilReady(): Promise<void> {}
}

// A GenericContainer with the limits testcontainers has no builder method for (swap, pids, log size).
export class SandboxedContainer extends GenericContainer {
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
    // The engine's own log file is bounded too, whatever the app prints.
    this.hostConfig.LogConfig = { Type: "json-file", Config: { "max-size": `${Math.ceil((2 * sandbox.outputCapBytes) / 1024)}k`, "max-file": "1" } };
  }
}
