import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import { DEFAULT_SANDBOX } from "../runners/app-runner.ts";
import { DEFAULT_STEPS, handoutLab } from "../../testing/lab/lab-steps.ts";
import { engineState, leftSince, NOTHING_LEFT } from "../../testing/engine-state.ts";
import { handoutWalk } from "../../testing/fixtures.ts";
import { gradeSubmission } from "./grade-submission.ts";

// A build that fails or runs out of time after making layers of its own: the grade says so, and the
// engine is left as it was — no untagged image, no container — with no temporary folder of labgrade's.
const EVIDENCE = path.join(handoutWalk("full-walk"), "evidence.json");
let root: string;

async function grade(name: string, dockerfile: string, buildTimeoutMs = 300_000) {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "app.py"), "print(1)\n");
  await writeFile(path.join(dir, "Dockerfile"), dockerfile);
  const report = await gradeSubmission({ dir, evidence: { kind: "file", path: EVIDENCE } }, { lab: handoutLab, steps: DEFAULT_STEPS, config: readConfig(), sandbox: DEFAULT_SANDBOX, buildTimeoutMs });
  return report.steps.find((s) => s.id === "pythonapp-build")!;
}

beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "leftovers-docker-test-"))));
afterAll(() => rm(root, { recursive: true, force: true }));

describe("what a build leaves behind", () => {
  it("a build that fails after writing 300 MB into a layer leaves no untagged image", async () => {
    const before = await engineState();
    const build = await grade("fails", "FROM python\nRUN dd if=/dev/zero of=/big bs=1M count=300\nRUN exit 3\n");
    expect(build.status).toBe("failed");
    expect(build.message).toContain("returned a non-zero code: 3");
    expect(await leftSince(before)).toEqual(NOTHING_LEFT);
  });

  it("a build stopped at its time limit leaves no untagged image", async () => {
    const before = await engineState();
    const build = await grade("overtime", "FROM python\nRUN echo made > /made\nRUN sleep 1000\n", 8_000);
    expect(build.status).toBe("failed");
    expect(build.message).toMatch(/did not finish within 8 s/);
    expect(await leftSince(before)).toEqual(NOTHING_LEFT);
  });
});
