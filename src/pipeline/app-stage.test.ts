import path from "node:path";
import { describe, expect, it } from "vitest";
import { HarnessError } from "../errors.ts";
import { DEFAULT_SANDBOX, type AppBuilder, type AppRunner } from "../runners/app-runner.ts";
import type { RunResult } from "../runners/types.ts";
import { FIXTURES } from "../testing/fixtures.ts";
import { gatherAppEvidence } from "./app-stage.ts";
import { judgeApp } from "./judge.ts";

const submission = (name: string) => path.join(FIXTURES, "submissions", name);
const okRun: RunResult = { exitCode: 0, timedOut: false, oomKilled: false, durationMs: 1, stdout: "This is the squaring function\n[0 1 2 3 4 5 6 7 8 9] [ 0  1  4  9 16 25 36 49 64 81]\n", stderr: "", droppedBytes: 0, plots: [] };
const builder = (build: AppBuilder["build"]): AppBuilder => ({ build });
const runner: AppRunner = { run: async () => okRun };
const deps = (b: AppBuilder | null, r: AppRunner | null) => ({ builder: b, runner: r, runId: "t", labels: {}, sandbox: DEFAULT_SANDBOX, buildTimeoutMs: 1000 });

describe("gatherAppEvidence", () => {
  it("builds and runs the reference, then hands the output to the checks", async () => {
    const seen: string[] = [];
    const { evidence } = await gatherAppEvidence(submission("reference"), deps(builder(async (req) => (seen.push(req.dockerfile), { ok: true, log: "", durationMs: 1 })), runner));
    expect(seen).toEqual(["Dockerfile"]);
    expect(judgeApp(evidence)["pythonapp-output"].status).toBe("passed");
  });

  it("turns a harness failure during the build into `error` steps, never the student's failure", async () => {
    const broken = builder(async () => {
      throw new HarnessError("ENGINE_FAILED", "the engine went away");
    });
    const { evidence } = await gatherAppEvidence(submission("reference"), deps(broken, runner));
    const results = judgeApp(evidence);
    expect(results["pythonapp-build"]).toMatchObject({ status: "error", message: expect.stringContaining("the engine went away") });
    expect(results["pythonapp-output"].status).toBe("error");
    expect(results["pythonapp-dockerfile"].status).toBe("passed");
  });

  it("does not build a Dockerfile.txt, and says why", async () => {
    let built = false;
    const { evidence } = await gatherAppEvidence(submission("dockerfile-txt"), deps(builder(async () => ((built = true), { ok: true, log: "", durationMs: 1 })), runner));
    expect(built).toBe(false);
    expect(judgeApp(evidence)["pythonapp-build"]).toMatchObject({ status: "failed", message: expect.stringContaining("Dockerfile.txt") });
  });

  it("names the base a Dockerfile would pull, so the builder can refuse it", async () => {
    let bases: string[] = [];
    await gatherAppEvidence(submission("from-ubuntu"), deps(builder(async (req) => ((bases = req.externalBases), { ok: false, log: "", durationMs: 0, error: "no" })), runner));
    expect(bases).toEqual(["ubuntu"]);
  });
});
