import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import { openGrader, type Grader } from "../pipeline/grader.ts";
import { DEFAULT_STEPS, handoutLab } from "../../testing/lab/lab-steps.ts";
import { DEFAULT_SANDBOX } from "./app-runner.ts";

// On whatever engine DOCKER_HOST names (rootful, or rootless: docs/engines.md), a run says it went without a bound
// exactly when that bound did not hold: an app past its memory or process bound is stopped, or the run says so.
const SANDBOX = { ...DEFAULT_SANDBOX, memoryBytes: 64 * 1024 * 1024, pidsLimit: 16, timeoutMs: 30_000 };
let root: string;
let grader: Grader;

async function run(name: string, script: string) {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "app.py"), script);
  await writeFile(path.join(dir, "Dockerfile"), 'FROM python\nCOPY app.py /app.py\nCMD ["python", "-u", "/app.py"]\n');
  const tag = `labgrade/app:run-bounds-test-${name}`;
  const labels = grader.run.labels;
  const build = await grader.builder!.build({ appDir: dir, dockerfile: "Dockerfile", externalBases: [], tag, labels, timeoutMs: 300_000, sandbox: SANDBOX });
  expect(build.ok, build.error).toBe(true);
  try {
    return { build, run: await grader.runner!.run({ image: tag, labels, sandbox: SANDBOX }) };
  } finally {
    await grader.releaseApp(tag);
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "run-bounds-docker-test-"));
  grader = await openGrader({ config: readConfig(), lab: handoutLab, steps: DEFAULT_STEPS, sandbox: SANDBOX, buildTimeoutMs: 300_000 });
});
afterAll(async () => {
  await grader.close();
  await rm(root, { recursive: true, force: true });
});

describe("the run's cgroup bounds, as the engine applies them", () => {
  it("stops an app past its memory, or says the memory was not bounded", async () => {
    const { run: result } = await run("memory", 'b = bytearray(200 * 1024 * 1024)\nb[::4096] = b"x" * len(b[::4096])\nprint("allocated", len(b) >> 20, "MB")\n');
    if (result.unbounded) {
      expect(result.unbounded).toMatch(/^memory \(64 MiB\)/);
      expect(result.stdout).toContain("allocated 200 MB");
    } else {
      expect(result.oomKilled).toBe(true);
      expect(result.stdout).not.toContain("allocated");
    }
  });

  it("stops an app past its processes, or says they were not bounded", async () => {
    const forks = "import os, time\nkids = []\nfor _ in range(40):\n    pid = os.fork()\n    if pid == 0:\n        time.sleep(2)\n        os._exit(0)\n    kids.append(pid)\nprint('forked', len(kids))\n";
    const { run: result } = await run("processes", forks);
    if (result.unbounded) {
      expect(result.unbounded).toMatch(/processes \(16\)/);
      expect(result.stdout).toContain("forked 40");
    } else {
      expect(result.exitCode).not.toBe(0);
      expect(result.stderr).toMatch(/BlockingIOError|Resource temporarily unavailable/);
    }
  });
});
