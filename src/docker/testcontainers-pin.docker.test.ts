import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildStaticSleeperBase, startThrowawayEngine, throwawayEngineUnavailable, type ThrowawayEngine } from "../../testing/throwaway-engine.ts";
import { testEngine } from "../../testing/engine.ts";
import { runCli } from "../../testing/run-cli.ts";
import { engineIdentity } from "./testcontainers-pin.ts";

const CHOICE = fileURLToPath(new URL("../../testing/testcontainers-choice.ts", import.meta.url));
const IN_CONTAINER = fileURLToPath(new URL("../../testing/pretend-dockerenv.mjs", import.meta.url));
const SLEEPER = "labgrade-test/pin-sleeper:latest";
const unavailable = await throwawayEngineUnavailable();

// The surroundings that sent testcontainers elsewhere: inside a container (/.dockerenv, here made to appear to
// the process alone), the graded engine without a `bridge` network, and a ~/.testcontainers.properties that names
// other engines.
describe.skipIf(unavailable !== null)("testcontainers is pinned to the graded engine", () => {
  let engine: ThrowawayEngine;
  let home: string;
  const surroundings = () => ({
    DOCKER_HOST: `unix://${engine.socket}`,
    HOME: home,
    NODE_OPTIONS: `--import ${IN_CONTAINER}`,
    TESTCONTAINERS_RYUK_DISABLED: "true",
  });
  const choose = async (mode: string) => {
    const result = await execa("node", ["--import", "tsx", CHOICE, mode, SLEEPER], { env: { ...process.env, ...surroundings() }, reject: false, timeout: 120_000 });
    if (result.exitCode !== 0) throw new Error(`${mode}: ${result.stderr}`);
    return JSON.parse(String(result.stdout).trim().split("\n").pop() ?? "{}") as {
      graded: { id: string; rootDir: string };
      testcontainers: { id?: string; rootDir?: string; url?: string; error?: string };
      startedOnGraded?: boolean;
      run?: { ran: boolean; code: string | null; message: string };
    };
  };

  beforeAll(async () => {
    engine = await startThrowawayEngine({ bridge: false });
    await buildStaticSleeperBase(engine.docker, SLEEPER);
    home = await mkdtemp(path.join(os.tmpdir(), "labgrade-pin-home-"));
    await writeFile(path.join(home, ".testcontainers.properties"), "docker.host=unix:///var/run/docker.sock\n");
  });
  afterAll(async () => {
    await engine?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it("reproduces the fallback: unpinned, testcontainers talks to the system engine, not the graded one", async () => {
    const system = await engineIdentity((await testEngine()).docker);
    const seen = await choose("unpinned");
    expect(seen.graded.rootDir).not.toBe(system.rootDir);
    expect(seen.testcontainers).toMatchObject({ id: system.id, rootDir: system.rootDir, url: "unix:///var/run/docker.sock" });
  });

  it("pinned, testcontainers talks to the graded engine and starts containers there", async () => {
    const seen = await choose("pinned");
    expect(seen.testcontainers).toMatchObject({ id: seen.graded.id, rootDir: seen.graded.rootDir });
    expect(seen.testcontainers.url).toBe(`unix://${engine.socket}`);
    expect(seen.startedOnGraded).toBe(true);
  });

  it("refuses to run the app when testcontainers had already chosen another engine, naming both", async () => {
    const system = await engineIdentity((await testEngine()).docker);
    const before = await (await testEngine()).docker.listContainers({ all: true, filters: { label: ["labgrade.test=pin"] } });
    const seen = await choose("pinned-late");
    expect(seen.run).toMatchObject({ ran: false, code: "ENGINE_MISMATCH" });
    expect(seen.run?.message).toContain(`unix://${engine.socket}`);
    expect(seen.run?.message).toContain("unix:///var/run/docker.sock");
    expect(seen.run?.message).toContain(system.rootDir);
    const after = await (await testEngine()).docker.listContainers({ all: true, filters: { label: ["labgrade.test=pin"] } });
    expect(after).toHaveLength(before.length);
  });

  it("doctor, in the same surroundings, finds testcontainers on the graded engine", async () => {
    const { stdout } = await runCli(["doctor", "--json"], surroundings());
    const report = JSON.parse(stdout) as { findings: Array<{ id: string; status: string; summary: string }> };
    const finding = report.findings.find((f) => f.id === "testcontainers");
    expect(finding?.status).toBe("ok");
    expect(finding?.summary).toContain((await engineIdentity(engine.docker)).rootDir);
  });
});
