import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import { removeStale } from "../docker/cleanup.ts";
import { LABEL_MANAGED } from "../docker/labels.ts";
import { openGrader, type Grader } from "../pipeline/grader.ts";
import { DEFAULT_STEPS, handoutLab } from "../../testing/lab/lab-steps.ts";
import { testEngine } from "../../testing/engine.ts";
import { handoutWalk } from "../../testing/fixtures.ts";
import { DEFAULT_SANDBOX } from "./app-runner.ts";

// Hostile apps against the sandbox, built and run the way a grade does.
let root: string;
let grader: Grader;

async function app(name: string, script: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "app.py"), script);
  await writeFile(path.join(dir, "Dockerfile"), 'FROM python\nCOPY app.py /app.py\nCMD ["python", "/app.py"]\n');
  return dir;
}

async function buildAndRun(dir: string, sandbox = DEFAULT_SANDBOX) {
  const tag = `labgrade/app:sandbox-test-${path.basename(dir)}`;
  const labels = grader.run.labels;
  const build = await grader.builder!.build({ appDir: dir, dockerfile: "Dockerfile", externalBases: [], tag, labels, timeoutMs: 300_000, sandbox });
  expect(build.ok, build.error).toBe(true);
  try {
    return await grader.runner!.run({ image: tag, labels, sandbox });
  } finally {
    await grader.releaseApp(tag);
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "sandbox-docker-test-"));
  grader = await openGrader({ config: readConfig(), lab: handoutLab, steps: DEFAULT_STEPS, sandbox: DEFAULT_SANDBOX, buildTimeoutMs: 300_000 });
});
afterAll(async () => {
  await grader.close();
  await rm(root, { recursive: true, force: true });
});

describe("the app's sandbox", () => {
  it("counts every byte a 200 MB flood wrote, keeping only the cap", async () => {
    const run = await buildAndRun(await app("flood", 'import sys\nline = b"x" * 1048575 + b"\\n"\nfor _ in range(200):\n    sys.stdout.buffer.write(line)\n'));
    const written = 200 * 1048576;
    expect(run.exitCode).toBe(0);
    expect(run.stdout.length).toBeLessThanOrEqual(DEFAULT_SANDBOX.outputCapBytes);
    expect(Math.abs(run.droppedBytes + run.stdout.length - written) / written).toBeLessThan(0.05);
  });

  it("stops an app that fills its container's filesystem past the bound, and says so", async () => {
    const sandbox = { ...DEFAULT_SANDBOX, diskBytes: 64 * 1024 * 1024 };
    const fill = 'import time\nwith open("/tmp/fill", "wb") as f:\n    for _ in range(2000):\n        f.write(b"x" * 1048576)\n        f.flush()\n        time.sleep(0.01)\n';
    const run = await buildAndRun(await app("fills-disk", fill), sandbox);
    expect(run.exitCode).not.toBe(0);
    expect(run.stderr).toMatch(/wrote \d+ MB into its container, more than the 64 MB it may/);
    expect(run.durationMs).toBeLessThan(30_000);
  });

  it("keeps an app's own exit code and words when its command is missing, as docker run would say them", async () => {
    const dir = await app("missing-command", "print(1)\n");
    await writeFile(path.join(dir, "Dockerfile"), 'FROM python\nCMD ["pyhton", "/app.py"]\n');
    const run = await buildAndRun(dir);
    expect(run.exitCode).toBe(127);
    expect(run.stderr).toContain('exec: "pyhton": executable file not found');
  });

  it("stops an endless app by itself after its limit, even when labgrade is killed outright", async () => {
    const dir = await app("loops", "while True:\n    pass\n");
    const evidence = path.join(handoutWalk("full-walk"), "evidence.json");
    const child = execa("node", [path.resolve("bin/labgrade.js"), "grade", dir, "--evidence", evidence, "--timeout", "3", "--out", path.join(root, "out")], { reject: false });
    const { docker } = await testEngine();
    const running = async () => (await docker.listContainers({ filters: { label: [`${LABEL_MANAGED}=true`], status: ["running"] } })).length;
    const deadline = Date.now() + 240_000;
    while ((await running()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    expect(await running()).toBe(1);
    const started = Date.now();
    child.kill("SIGKILL");
    await child;
    while ((await running()) > 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 500));
    expect(await running()).toBe(0);
    // labgrade's limit (3 s) plus the backstop's grace (15 s), with room for a busy machine.
    expect(Date.now() - started).toBeLessThan(30_000);
    // What the killed run left (a stopped container) is swept as the next run would.
    await removeStale(docker);
  });
});
