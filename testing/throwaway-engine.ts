import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Dockerode from "dockerode";
import { execa } from "execa";
import { followStream } from "../src/docker/follow.ts";
import { throwawayEngineUnavailable as engineUnavailable } from "../src/recorder/throwaway-engine.ts";

// Throwaway engines for the tests: labgrade's own (src/recorder/, which `labgrade lab record --throwaway` walks on),
// and a base image of one static binary that sleeps, for tests that stop an engine in the middle of a build.
export { startThrowawayEngine, type ThrowawayEngine, type ThrowawayOptions } from "../src/recorder/throwaway-engine.ts";

const SLEEPER_SOURCE = fileURLToPath(new URL("./static-sleeper.c", import.meta.url));

// Why the tests cannot start a throwaway engine here (null: they can): labgrade's reasons, and gcc for the sleeper.
export async function throwawayEngineUnavailable(): Promise<string | null> {
  const reason = await engineUnavailable();
  if (reason) return reason;
  const gcc = await execa("sh", ["-c", "command -v gcc"], { reject: false });
  return gcc.exitCode === 0 ? null : "a throwaway engine's tests need gcc (not found on PATH)";
}

// Builds `tag` on the engine: FROM scratch around static-sleeper.c (RUN ["/sleeper", "SECONDS", "EXIT"]).
export async function buildStaticSleeperBase(docker: Dockerode, tag: string): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-sleeper-"));
  try {
    await copyFile(SLEEPER_SOURCE, path.join(dir, "sleeper.c"));
    await execa("gcc", ["-static", "-Os", "-s", "-o", path.join(dir, "sleeper"), path.join(dir, "sleeper.c")], { timeout: 120_000 });
    await writeFile(path.join(dir, "Dockerfile"), "FROM scratch\nCOPY sleeper /sleeper\n");
    const stream = await docker.buildImage({ context: dir, src: ["Dockerfile", "sleeper"] }, { t: tag, rm: true, forcerm: true });
    const outcome = await followStream(stream);
    if (outcome.error) throw new Error(`building the sleeper base failed: ${outcome.error}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
