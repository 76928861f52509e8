import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import type Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HarnessError } from "../errors.ts";
import { buildImage, type BuildRequest } from "./build-image.ts";

// The engine as buildImage sees it: a build stream that says what it says and then ends, breaks or hangs,
// and a ping that answers, is refused or hangs.
interface FakeEngine {
  lines: object[];
  end: "end" | "break" | "hang";
  ping: "answers" | "refused" | "hangs";
  /** The build call itself fails (an HTTP error before any output). */
  refuses?: Error;
}

function fakeEngine(engine: FakeEngine, info: Record<string, unknown> = { Name: "elsewhere", CgroupDriver: "cgroupfs", CgroupVersion: "1" }) {
  const seen = { buildOptions: {} as Record<string, unknown>, pingAgents: [] as unknown[], modemAgent: new http.Agent({ keepAlive: true }) };
  const modem = {
    protocol: "http",
    agent: seen.modemAgent,
    dial(this: { agent?: unknown }, _options: unknown, callback: (error: unknown) => void) {
      seen.pingAgents.push(this.agent);
      if (engine.ping === "answers") setImmediate(() => callback(null));
      if (engine.ping === "refused") setImmediate(() => callback(Object.assign(new Error("connect ECONNREFUSED /var/run/docker.sock"), { code: "ECONNREFUSED" })));
    },
  };
  const docker = {
    modem,
    info: async () => info,
    buildImage: async (_context: unknown, options: Record<string, unknown>) => {
      seen.buildOptions = options;
      if (engine.refuses) throw engine.refuses;
      const stream = new PassThrough();
      (options.abortSignal as AbortSignal).addEventListener("abort", () => stream.destroy(new Error("aborted")));
      setImmediate(() => {
        for (const line of engine.lines) stream.write(`${JSON.stringify(line)}\r\n`);
        if (engine.end === "end") stream.end();
        if (engine.end === "break") stream.destroy(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
      });
      return stream;
    },
  };
  return { docker: docker as unknown as Dockerode, seen };
}

const STEPS = [{ stream: "Step 1/2 : FROM python\n" }, { stream: " ---> 7291fd07f6a2\n" }, { stream: "Step 2/2 : RUN sleep 1000\n" }, { stream: " ---> Running in bf6d40c1f8e0\n" }];
const BUILT = [{ aux: { ID: "sha256:44d907c4e738" } }, { stream: "Successfully built 44d907c4e738\n" }, { stream: "Successfully tagged pythonapp:latest\n" }];
const killed = (code: number) => ({ errorDetail: { code, message: `The command '/bin/sh -c sleep 1000' returned a non-zero code: ${code}` }, error: `The command '/bin/sh -c sleep 1000' returned a non-zero code: ${code}` });

let context = "";
beforeAll(async () => {
  context = await mkdtemp(path.join(os.tmpdir(), "labgrade-build-image-test-"));
  await writeFile(path.join(context, "Dockerfile"), "FROM python\nRUN sleep 1000\n");
});
afterAll(async () => {
  await rm(context, { recursive: true, force: true });
});

const request = (more: Partial<BuildRequest> = {}): BuildRequest => ({ context, tag: "labgrade/app:test", labels: {}, timeoutMs: 60_000, pingTimeoutMs: 100, ...more });

async function harnessError(promise: Promise<unknown>): Promise<HarnessError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HarnessError);
  return error as HarnessError;
}

describe("buildImage tells a Dockerfile that failed from an engine that failed", () => {
  it("counts a build as built when the daemon says so", async () => {
    const { docker } = fakeEngine({ lines: [...STEPS, ...BUILT], end: "end", ping: "refused" });
    const result = await buildImage(docker, request());
    expect(result).toMatchObject({ ok: true });
    expect(result.error).toBeUndefined();
    expect(result.log).toContain("Successfully built 44d907c4e738");
  });

  it("keeps a RUN step that failed on a living engine the student's, in the daemon's words (137 from the memory limit too)", async () => {
    const { docker, seen } = fakeEngine({ lines: [...STEPS, killed(137)], end: "end", ping: "answers" });
    const result = await buildImage(docker, request());
    expect(result).toMatchObject({ ok: false, error: "The command '/bin/sh -c sleep 1000' returned a non-zero code: 137" });
    expect(result.timedOut).toBeUndefined();
    expect(seen.pingAgents).toHaveLength(1);
  });

  it("asks whether the engine lives on a new connection, never on a kept-alive one a stopping daemon still serves", async () => {
    const { docker, seen } = fakeEngine({ lines: [...STEPS, killed(1)], end: "end", ping: "answers" });
    await buildImage(docker, request());
    const agent = seen.pingAgents[0] as http.Agent & { keepAlive?: boolean };
    expect(agent).toBeInstanceOf(http.Agent);
    expect(agent).not.toBe(seen.modemAgent);
    expect(agent.keepAlive).toBe(false);
  });

  it("makes an error after which the engine refuses a ping an ENGINE_FAILED HarnessError that quotes the daemon", async () => {
    const { docker } = fakeEngine({ lines: [...STEPS, killed(137)], end: "end", ping: "refused" });
    const error = await harnessError(buildImage(docker, request()));
    expect(error.code).toBe("ENGINE_FAILED");
    expect(error.message).toBe(
      "The Docker engine stopped answering during the image build (its last message was: The command '/bin/sh -c sleep 1000' returned a non-zero code: 137). This is not the student's fault: the build was not judged.",
    );
    expect(error.hint).toContain("docker version");
  });

  it("makes an error after which the engine's ping hangs past its bound an ENGINE_FAILED HarnessError", async () => {
    const { docker } = fakeEngine({ lines: [...STEPS, killed(137)], end: "end", ping: "hangs" });
    const started = Date.now();
    const error = await harnessError(buildImage(docker, request({ pingTimeoutMs: 150 })));
    expect(error.code).toBe("ENGINE_FAILED");
    expect(error.message).toMatch(/^The Docker engine stopped answering during the image build/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("makes a connection that breaks mid-build an ENGINE_FAILED HarnessError", async () => {
    const { docker } = fakeEngine({ lines: STEPS, end: "break", ping: "refused" });
    const error = await harnessError(buildImage(docker, request()));
    expect(error.code).toBe("ENGINE_FAILED");
    expect(error.message).toMatch(/^The Docker engine stopped answering during the image build \(the connection to it broke: socket hang up\)/);
  });

  it("makes a stream that ends with neither an image nor an error an ENGINE_FAILED HarnessError", async () => {
    const dead = await harnessError(buildImage(fakeEngine({ lines: STEPS, end: "end", ping: "refused" }).docker, request()));
    expect(dead.code).toBe("ENGINE_FAILED");
    expect(dead.message).toMatch(/stopped answering during the image build \(its build output ended without a result\)/);
    const alive = await harnessError(buildImage(fakeEngine({ lines: STEPS, end: "end", ping: "answers" }).docker, request()));
    expect(alive.code).toBe("ENGINE_FAILED");
    expect(alive.message).toMatch(/ended without saying whether the image was built/);
  });

  it("keeps a Dockerfile the engine refuses before building the student's, in the engine's words", async () => {
    const refuses = Object.assign(new Error("(HTTP code 400) unexpected - dockerfile parse error line 1: unknown instruction: FRM "), { statusCode: 400 });
    const result = await buildImage(fakeEngine({ lines: [], end: "end", ping: "answers", refuses }).docker, request());
    expect(result).toMatchObject({ ok: false, error: "dockerfile parse error line 1: unknown instruction: FRM" });
  });

  it("makes any other refusal of the build call the engine's", async () => {
    const refuses = Object.assign(new Error("(HTTP code 500) server error - write /var/lib/docker/tmp/x: no space left on device "), { statusCode: 500 });
    const error = await harnessError(buildImage(fakeEngine({ lines: [], end: "end", ping: "answers", refuses }).docker, request()));
    expect(error.code).toBe("ENGINE_FAILED");
    expect(error.message).toContain("no space left on device");
  });

  it("still returns an overlong build as the student's timed-out result", async () => {
    const { docker } = fakeEngine({ lines: STEPS, end: "hang", ping: "refused" });
    const result = await buildImage(docker, request({ timeoutMs: 100 }));
    expect(result).toMatchObject({ ok: false, timedOut: true, error: "The build did not finish within 0 s and was stopped." });
  });

  it("still throws CANCELLED when the grade is cancelled, whatever the engine does", async () => {
    const { docker } = fakeEngine({ lines: STEPS, end: "hang", ping: "refused" });
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error("SIGINT")), 50);
    const error = await harnessError(buildImage(docker, request({ signal: abort.signal })));
    expect(error.code).toBe("CANCELLED");
  });

  it("passes the sandbox's memory and CPU bounds, and says why the pids bound could not be applied on a remote engine", async () => {
    const { docker, seen } = fakeEngine({ lines: [...STEPS, ...BUILT], end: "end", ping: "answers" });
    const result = await buildImage(docker, request({ limits: { memoryBytes: 512 * 1024 * 1024, cpus: 1.5, pidsLimit: 128 } }));
    expect(result.ok).toBe(true);
    expect(result.pidsUnbounded).toMatch(/reached over the network/);
    expect(seen.buildOptions).toMatchObject({ memory: 536870912, memswap: 536870912, cpuperiod: 100_000, cpuquota: 150_000, networkmode: "none", rm: true, forcerm: true });
    expect(seen.buildOptions).not.toHaveProperty("cgroupparent");
  });

  it("says the memory and CPU bounds did not hold where the engine applies no cgroup limits (rootless on cgroup v1), and that they did elsewhere", async () => {
    const rootless = { Name: "elsewhere", CgroupDriver: "none", CgroupVersion: "1", SecurityOptions: ["name=seccomp,profile=default", "name=rootless"], MemoryLimit: false, SwapLimit: false, PidsLimit: false, CpuCfsQuota: false };
    const limits = { memoryBytes: 512 * 1024 * 1024, cpus: 1, pidsLimit: 128 };
    const unbounded = await buildImage(fakeEngine({ lines: [...STEPS, ...BUILT], end: "end", ping: "answers" }, rootless).docker, request({ limits }));
    expect(unbounded.limitsUnbounded).toBe("memory (512 MiB) and CPU (1): the engine is rootless without cgroups (cgroup driver `none`, cgroup v1) and applies none of them");
    const rootful = { Name: "elsewhere", CgroupDriver: "cgroupfs", CgroupVersion: "1", MemoryLimit: true, SwapLimit: true, PidsLimit: true, CpuCfsQuota: true };
    const bounded = await buildImage(fakeEngine({ lines: [...STEPS, ...BUILT], end: "end", ping: "answers" }, rootful).docker, request({ limits }));
    expect(bounded).not.toHaveProperty("limitsUnbounded");
  });

  it("asks nothing about cgroups when no pids limit is asked for", async () => {
    const { docker } = fakeEngine({ lines: [...STEPS, ...BUILT], end: "end", ping: "answers" });
    const result = await buildImage(docker, request({ limits: { memoryBytes: 512 * 1024 * 1024, cpus: 1 } }));
    expect(result.ok).toBe(true);
    expect(result).not.toHaveProperty("pidsUnbounded");
  });
});
