import { describe, expect, it } from "vitest";
import { HarnessError } from "../errors.ts";
import { DEFAULT_SANDBOX, type AppBuilder, type AppRunner } from "../runners/app-runner.ts";
import type { RunResult } from "../runners/types.ts";
import { handoutFixture } from "../../testing/fixtures.ts";
import { AppCache } from "./app-cache.ts";
import { gatherAppEvidence, type AppStageDeps } from "./app-stage.ts";
import { judgeApp } from "../lab/judge.ts";
import { handoutLab } from "../../testing/lab/lab-steps.ts";

const submission = (name: string) => handoutFixture(name);
const okRun: RunResult = { exitCode: 0, timedOut: false, oomKilled: false, durationMs: 1, stdout: "This is the squaring function\n[0 1 2 3 4 5 6 7 8 9] [ 0  1  4  9 16 25 36 49 64 81]\n", stderr: "", droppedBytes: 0, plots: [] };
const builder = (build: AppBuilder["build"]): AppBuilder => ({ build });
const runner: AppRunner = { run: async () => okRun };
const deps = (b: AppBuilder | null, r: AppRunner | null, extra: Partial<AppStageDeps> = {}): AppStageDeps => ({ builder: b, runner: r, baseImageId: async () => "sha256:base", gradeId: "t", labels: {}, sandbox: DEFAULT_SANDBOX, buildTimeoutMs: 1000, ...extra });
const okBuild = { ok: true, log: "", durationMs: 1 };

describe("gatherAppEvidence", () => {
  it("builds and runs the reference, then hands the output to the checks", async () => {
    const seen: string[] = [];
    const { evidence } = await gatherAppEvidence(submission("reference"), deps(builder(async (req) => (seen.push(req.dockerfile), { ok: true, log: "", durationMs: 1 })), runner));
    expect(seen).toEqual(["Dockerfile"]);
    expect(judgeApp(handoutLab, { evidence, runner: "docker" })["pythonapp-output"]!.status).toBe("passed");
  });

  it("builds without running when no step judges the run, and does neither when none judges the build", async () => {
    let runs = 0;
    const counting: AppRunner = { run: async () => (runs++, okRun) };
    const built = await gatherAppEvidence(submission("reference"), deps(builder(async () => okBuild), counting, { work: { build: true, run: false } }));
    expect([built.evidence.build?.ok, built.evidence.run, runs]).toEqual([true, null, 0]);
    let builds = 0;
    const untouched = await gatherAppEvidence(submission("reference"), deps(builder(async () => (builds++, okBuild)), counting, { work: { build: false, run: false } }));
    expect([untouched.evidence.build, builds, runs, untouched.appDigest]).toEqual([null, 0, 0, built.appDigest]);
  });

  it("turns a harness failure during the build into `error` steps, never the student's failure", async () => {
    const broken = builder(async () => {
      throw new HarnessError("ENGINE_FAILED", "the engine went away");
    });
    const { evidence } = await gatherAppEvidence(submission("reference"), deps(broken, runner));
    const results = judgeApp(handoutLab, { evidence, runner: "docker" });
    expect(results["pythonapp-build"]).toMatchObject({ status: "error", errorCode: "ENGINE_FAILED", message: expect.stringContaining("the engine went away") });
    expect(results["pythonapp-output"]!.status).toBe("error");
    expect(results["pythonapp-dockerfile"]!.status).toBe("passed");
  });

  it("does not build a Dockerfile.txt, and says why", async () => {
    let built = false;
    const { evidence } = await gatherAppEvidence(submission("dockerfile-txt"), deps(builder(async () => ((built = true), { ok: true, log: "", durationMs: 1 })), runner));
    expect(built).toBe(false);
    expect(judgeApp(handoutLab, { evidence, runner: "docker" })["pythonapp-build"]).toMatchObject({ status: "failed", message: expect.stringContaining("Dockerfile.txt") });
  });

  it("names the base a Dockerfile would pull, so the builder can refuse it", async () => {
    let bases: string[] = [];
    await gatherAppEvidence(submission("from-ubuntu"), deps(builder(async (req) => ((bases = req.externalBases), { ok: false, log: "", durationMs: 0, error: "no" })), runner));
    expect(bases).toEqual(["ubuntu"]);
  });

  it("builds an app once for a grader however many submissions hand it in, and says which grades reused it", async () => {
    let builds = 0;
    const cache = new AppCache();
    const counting = builder(async () => (builds++, okBuild));
    const first = gatherAppEvidence(submission("reference"), deps(counting, runner, { cache, gradeId: "a" }));
    const second = gatherAppEvidence(submission("reference"), deps(counting, runner, { cache, gradeId: "b" }));
    const results = await Promise.all([first, second]);
    expect(builds).toBe(1);
    expect(results.map((r) => r.reused).sort()).toEqual([false, true]);
    expect(results[0].appDigest).toBe(results[1].appDigest);
    await gatherAppEvidence(submission("curly-quotes"), deps(counting, runner, { cache }));
    expect(builds).toBe(2);
  });

  it("keys the app by its base image too: a new base builds again", async () => {
    let builds = 0;
    const cache = new AppCache();
    const counting = builder(async () => (builds++, okBuild));
    await gatherAppEvidence(submission("reference"), deps(counting, runner, { cache }));
    await gatherAppEvidence(submission("reference"), deps(counting, runner, { cache, baseImageId: async () => "sha256:other" }));
    expect(builds).toBe(2);
  });

  it("does not remember a harness failure: the next grade of the same app builds again", async () => {
    let calls = 0;
    const cache = new AppCache();
    const flaky = builder(async () => {
      if (calls++ === 0) throw new HarnessError("ENGINE_FAILED", "the engine went away");
      return okBuild;
    });
    const first = await gatherAppEvidence(submission("reference"), deps(flaky, runner, { cache }));
    expect(first.evidence.harnessProblem?.error).toContain("went away");
    const second = await gatherAppEvidence(submission("reference"), deps(flaky, runner, { cache }));
    expect(second.evidence.harnessProblem).toBeNull();
    expect(calls).toBe(2);
  });

  it("throws when cancelled rather than grading a half-built app", async () => {
    const controller = new AbortController();
    const slow = builder(async () => {
      controller.abort(new Error("SIGINT received"));
      throw new Error("aborted");
    });
    await expect(gatherAppEvidence(submission("reference"), deps(slow, runner, { signal: controller.signal }))).rejects.toMatchObject({ code: "CANCELLED" });
  });

  it("queues builds in the slots it is given, and a grade that reuses another's build takes no slot", async () => {
    let inSlots = 0;
    let most = 0;
    const slots = async <T,>(work: () => Promise<T>): Promise<T> => {
      inSlots++;
      most = Math.max(most, inSlots);
      try {
        return await work();
      } finally {
        inSlots--;
      }
    };
    const cache = new AppCache();
    const slow = builder(async () => (await new Promise((r) => setTimeout(r, 50)), okBuild));
    let slotted = 0;
    const counting = async <T,>(work: () => Promise<T>) => (slotted++, slots(work));
    await Promise.all([1, 2, 3].map((n) => gatherAppEvidence(submission("reference"), deps(slow, runner, { cache, slots: counting, gradeId: `g${n}` }))));
    expect(slotted).toBe(1);
    expect(most).toBe(1);
  });
});
