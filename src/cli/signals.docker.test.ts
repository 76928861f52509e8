import { readdirSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEngine } from "../../testing/engine.ts";
import { engineState, leftSince, NOTHING_LEFT } from "../../testing/engine-state.ts";
import { handoutWalk } from "../../testing/fixtures.ts";

// Stopping labgrade mid-build, as a user or a CI runner would: whatever ends it, nothing of labgrade's stays.
const BIN = path.resolve("bin/labgrade.js");
const EVIDENCE = path.join(handoutWalk("full-walk"), "evidence.json");
let root: string;

async function slowBuild(name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "app.py"), "print(1)\n");
  // The first RUN makes a layer of the build's own; the second is still running when the signal comes.
  await writeFile(path.join(dir, "Dockerfile"), `FROM python\nRUN echo ${name} > /made-by-the-build\nRUN sleep 1000\nCMD ["python", "app.py"]\n`);
  return dir;
}

// Until the build's `sleep` step runs: a container of the engine whose command is that sleep.
async function waitForSleepStep(): Promise<void> {
  const { docker } = await testEngine();
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const running = await docker.listContainers({ filters: { status: ["running"] } });
    if (running.some((c) => c.Command.includes("sleep 1000"))) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the build never reached its sleep step");
}

beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "signals-docker-test-"))));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("labgrade grade stopped mid-build", () => {
  for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
    it(`on ${signal}: exits ${code}, and leaves no image layer, container or temp folder`, async () => {
      const dir = await slowBuild(signal.toLowerCase());
      const before = await engineState();
      const child = execa("node", [BIN, "grade", dir, "--evidence", EVIDENCE, "--out", path.join(root, "out")], { reject: false, env: { FORCE_COLOR: "0" } });
      await waitForSleepStep();
      child.kill(signal);
      const result = await child;
      expect(result.exitCode, String(result.stderr)).toBe(code);
      expect(await leftSince(before)).toEqual(NOTHING_LEFT);
    });
  }
});

describe("labgrade under a wrapper that gives up", () => {
  it("`timeout -s TERM` around npx labgrade leaves no labgrade process running", async () => {
    const dir = await slowBuild("wrapped");
    const before = await engineState();
    const result = await execa("timeout", ["-s", "TERM", "25", "npx", "labgrade", "grade", dir, "--evidence", EVIDENCE, "--out", path.join(root, "out")], { reject: false });
    expect(result.exitCode).toBe(124);
    const deadline = Date.now() + 15_000;
    let alive: string[] = [];
    do {
      alive = [];
      for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
        const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
        if (cmdline.includes(dir)) alive.push(pid);
      }
      if (alive.length) await new Promise((r) => setTimeout(r, 500));
    } while (alive.length && Date.now() < deadline);
    expect(alive).toEqual([]);
    expect(await leftSince(before)).toEqual(NOTHING_LEFT);
  });
});
