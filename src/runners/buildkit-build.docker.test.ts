import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStaticSleeperBase, startThrowawayEngine, throwawayEngineUnavailable, type ThrowawayEngine } from "../../testing/throwaway-engine.ts";
import { buildWithBuildkit } from "./buildkit-build.ts";
import { chooseBuilder } from "./choose-builder.ts";

// BuildKit builds on Docker 26.1 with the containerd image store, from the engine matrix's cache
// (scripts/engines/fetch-engines.sh): skipped where it is not there.
const CACHE = process.env.LABGRADE_ENGINES_CACHE ?? "/var/cache/labgrade-engines";
const BIN = path.join(CACHE, "trixie", "bin");
const DOCKER_CONFIG = path.join(CACHE, "docker-config");
const missing = (await throwawayEngineUnavailable()) ?? (existsSync(path.join(BIN, "dockerd")) && existsSync(path.join(DOCKER_CONFIG, "cli-plugins", "docker-buildx")) ? null : `no Docker 26.1 and buildx in ${CACHE} (run scripts/engines/fetch-engines.sh and npm run test:engines once)`);
const BASE = "labgrade-test/sleeper:latest";
const LABELS = { "org.labgrade.test": "buildkit" };

describe.skipIf(missing !== null)(`BuildKit builds on the containerd store${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let engine: ThrowawayEngine;
  let dir = "";
  const client = () => ({ host: `unix://${engine.socket}`, env: { ...process.env, DOCKER_CONFIG } });
  const context = async (name: string, dockerfile: string) => {
    const folder = path.join(dir, name);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "Dockerfile"), dockerfile);
    return folder;
  };

  beforeAll(async () => {
    engine = await startThrowawayEngine({ bridge: true, binDir: BIN, daemonConfig: { features: { "containerd-snapshotter": true } } });
    await buildStaticSleeperBase(engine.docker, BASE);
    dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-buildkit-"));
  });
  afterAll(async () => {
    await engine?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("is chosen for that store when the CLI has buildx", async () => {
    const choice = await chooseBuilder(engine.docker, client().host, client().env);
    expect(choice.kind).toBe("buildkit");
  });

  it("builds a labelled image under the pids bound's cgroup", async () => {
    const folder = await context("ok", `FROM ${BASE}\nRUN ["/sleeper", "0", "0"]\n`);
    const result = await buildWithBuildkit(engine.docker, client(), { context: folder, tag: "labgrade-test/bk:ok", labels: LABELS, timeoutMs: 120_000, limits: { memoryBytes: 256 * 1024 * 1024, cpus: 1, pidsLimit: 64 } });
    expect(result).toMatchObject({ ok: true });
    expect(result.pidsUnbounded).toBeUndefined();
    const image = await engine.docker.getImage("labgrade-test/bk:ok").inspect();
    expect(image.Config.Labels).toMatchObject(LABELS);
  });

  it("fails a RUN step that exits 3 as the Dockerfile's, quoting BuildKit and the line", async () => {
    const folder = await context("fails", `FROM ${BASE}\nRUN ["/sleeper", "0", "3"]\n`);
    const result = await buildWithBuildkit(engine.docker, client(), { context: folder, tag: "labgrade-test/bk:fails", labels: LABELS, timeoutMs: 120_000 });
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/exit code: 3/);
    expect(result.error).toContain("Dockerfile:2");
    expect(result.error).not.toContain(folder);
  });

  it("stops a build that outlasts its bound, and the engine is left building nothing", async () => {
    const folder = await context("sleeps", `FROM ${BASE}\nRUN ["/sleeper", "600"]\n`);
    const started = Date.now();
    const result = await buildWithBuildkit(engine.docker, client(), { context: folder, tag: "labgrade-test/bk:sleeps", labels: LABELS, timeoutMs: 5_000 });
    expect(result).toMatchObject({ ok: false, timedOut: true });
    expect(Date.now() - started).toBeLessThan(30_000);
    const deadline = Date.now() + 20_000;
    let running = 1;
    while (Date.now() < deadline && running > 0) {
      const ps = await execa("pgrep", ["-f", "/sleeper 600"], { reject: false });
      running = String(ps.stdout).trim() ? String(ps.stdout).trim().split("\n").length : 0;
      if (running > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(running).toBe(0);
  });
});
