import { access, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HarnessError } from "../errors.ts";
import { buildStaticSleeperBase, startThrowawayEngine, throwawayEngineUnavailable, type ThrowawayEngine } from "../../testing/throwaway-engine.ts";
import { buildImage } from "./build-image.ts";
import type { BuildResult } from "./types.ts";

// A daemon stopped in the middle of a build kills the running step (137) and, on a clean shutdown, reports
// it as the step's failure on its way down. That must be graded as labgrade's error, never the student's.
// These tests stop a throwaway engine of their own, never the machine's.
const unavailable = await throwawayEngineUnavailable();
const BASE = "labgrade-test/sleeper:latest";

describe.skipIf(unavailable !== null)(`a build on an engine that dies${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  const engines: ThrowawayEngine[] = [];
  let dir = "";

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-engine-death-"));
  });

  afterAll(async () => {
    for (const engine of engines) await engine.stop();
    await rm(dir, { recursive: true, force: true });
  });

  async function engineWithBase(): Promise<ThrowawayEngine> {
    const engine = await startThrowawayEngine();
    engines.push(engine);
    await buildStaticSleeperBase(engine.docker, BASE);
    return engine;
  }

  async function context(name: string, dockerfile: string): Promise<string> {
    const folder = path.join(dir, name);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "Dockerfile"), dockerfile);
    return folder;
  }

  // Starts a build whose RUN step sleeps, does `end` to the engine ~2 s in, and returns how the build ended.
  async function buildWhileEnding(engine: ThrowawayEngine, end: () => Promise<void>): Promise<BuildResult | HarnessError> {
    const folder = await context("sleeps", `FROM ${BASE}\nRUN ["/sleeper", "1000"]\n`);
    const build = buildImage(engine.docker, { context: folder, tag: "labgrade-test/sleeps:1", labels: {}, timeoutMs: 120_000 });
    const outcome = build.then(
      (result) => result,
      (error: unknown) => {
        if (error instanceof HarnessError) return error;
        throw error;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const ended = end();
    const result = await outcome;
    await ended;
    return result;
  }

  it("a RUN step that exits 3 on a living engine is the student's failure, in the daemon's words", async () => {
    const engine = await engineWithBase();
    const folder = await context("exits-3", `FROM ${BASE}\nRUN ["/sleeper", "0", "3"]\n`);
    const result = await buildImage(engine.docker, { context: folder, tag: "labgrade-test/exits:3", labels: {}, timeoutMs: 120_000 });
    expect(result.ok).toBe(false);
    expect(result.timedOut).toBeUndefined();
    expect(result.error).toBe("The command '/sleeper 0 3' returned a non-zero code: 3");
    expect(result.log).toContain("sleeper: done");
  });

  it("an engine stopped (SIGTERM) during a RUN step is an ENGINE_FAILED HarnessError, not a failed build", async () => {
    const engine = engines[0] ?? (await engineWithBase());
    const started = Date.now();
    const outcome = await buildWhileEnding(engine, () => engine.stop());
    expect(outcome).toBeInstanceOf(HarnessError);
    const error = outcome as HarnessError;
    expect(error.code).toBe("ENGINE_FAILED");
    expect(error.message).toMatch(/^The Docker engine stopped answering during the image build \(/);
    expect(error.message).toContain("not the student's fault");
    // The daemon's own stop timeout (10 s) bounds it; the build's 120 s timeout was not what ended it.
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it("an engine killed (SIGKILL) during a RUN step is an ENGINE_FAILED HarnessError, not a failed build", async () => {
    const engine = await engineWithBase();
    const started = Date.now();
    const outcome = await buildWhileEnding(engine, () => engine.kill());
    expect(outcome).toBeInstanceOf(HarnessError);
    const error = outcome as HarnessError;
    expect(error.code).toBe("ENGINE_FAILED");
    expect(error.message).toMatch(/^The Docker engine stopped answering during the image build \(/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("leaves no process, folder, cgroup or network namespace of the engines behind", async () => {
    expect(engines.length).toBeGreaterThan(0);
    for (const engine of engines) await engine.stop();
    const netns = (await execa("ip", ["netns", "list"])).stdout;
    for (const engine of engines) {
      const execRoot = path.dirname(engine.socket);
      const name = path.basename(execRoot);
      expect(netns).not.toContain(name);
      await expect(access(execRoot)).rejects.toThrow();
      expect((await execa("find", ["/sys/fs/cgroup", "-maxdepth", "3", "-name", `${name}*`])).stdout).toBe("");
      expect(await processesMentioning(execRoot)).toEqual([]);
    }
  });
});

// Processes whose command line names the folder (dockerd, its containerd and shims all do).
async function processesMentioning(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of await readdir("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
    if (cmdline.includes(folder)) found.push(`${pid}: ${cmdline.replaceAll("\0", " ")}`);
  }
  return found;
}
