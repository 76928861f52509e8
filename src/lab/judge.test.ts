import { describe, expect, it } from "vitest";
import type { EngineSnapshot } from "../evidence/types.ts";
import type { AppEvidence } from "./app-evidence.ts";
import { judge, judgeApp, judgeEngine, withRequirements } from "./judge.ts";
import { APP_STEP_IDS, ENGINE_STEP_IDS, handoutLab, STEP_IDS } from "../../testing/lab/lab-steps.ts";

const noEngineSnapshot: EngineSnapshot = { schema: "labgrade.evidence/1", collectedAt: "2026-01-01T00:00:00.000Z", labgradeVersion: "0", client: { version: "28.2.2" }, engine: null, endpoint: null, containers: [], images: [] };
const noFolder: AppEvidence = { app: { dir: null, dockerfile: null, misses: [], candidates: [], files: [], filesTruncated: false, pyFiles: [], dockerignore: null, appScript: null }, facts: null, requirements: null, dockerignoreExcluded: null, appFile: null, build: null, run: null, harnessProblem: null };

describe("judgeEngine", () => {
  it("judges exactly the lab's engine steps, and judge every step once", () => {
    expect(Object.keys(judgeEngine(handoutLab, { kind: "unavailable", why: "x" })).sort()).toEqual([...ENGINE_STEP_IDS].sort());
    expect(Object.keys(judge(handoutLab, { kind: "unavailable", why: "x" }, { evidence: noFolder, runner: "local" })).sort()).toEqual([...STEP_IDS].sort());
  });

  it("without an engine to read, says every engine step is not judged here, and docker-engine how to start one", () => {
    const judged = judgeEngine(handoutLab, { kind: "unavailable", why: "labgrade ran with --no-engine" });
    for (const id of ENGINE_STEP_IDS) {
      expect(judged[id]).toMatchObject({ status: "skipped", source: "none", message: "Not judged here: this step is judged from the Docker engine where the lab was done, and labgrade ran with --no-engine." });
      expect(judged[id]!.hint).toContain("npx labgrade collect -o evidence.json");
    }
    expect(judged["docker-engine"]!.hint).toMatch(/^Start Docker Desktop/);
    expect(judged["hello-world-ran"]!.hint).not.toMatch(/Start Docker Desktop/);
  });

  it("fails every engine step, with how to collect, when the hand-in was to carry evidence and does not", () => {
    const judged = judgeEngine(handoutLab, { kind: "missing", reason: "No evidence.json was handed in." });
    for (const id of ENGINE_STEP_IDS) expect(judged[id]).toMatchObject({ status: "failed", message: "No evidence.json was handed in.", hint: expect.stringContaining("labgrade collect") });
  });

  it("judges docker-engine from a snapshot without an engine, and calls the others labgrade's failure", () => {
    const judged = judgeEngine(handoutLab, { kind: "snapshot", snapshot: noEngineSnapshot, source: "evidence-file" });
    expect(judged["docker-engine"]).toMatchObject({ status: "failed", source: "evidence-file" });
    expect(judged["pythonapp-image"]).toMatchObject({ status: "error", source: "evidence-file" });
  });
});

describe("judgeApp", () => {
  it("keeps labgrade's failure code to the verdict and still judges the Dockerfile from the folder", () => {
    const judged = judgeApp(handoutLab, { evidence: { ...noFolder, harnessProblem: { ok: false, code: "ENGINE_FAILED", error: "the engine went away" } }, runner: "docker" });
    for (const id of APP_STEP_IDS.filter((id: string) => id !== "pythonapp-dockerfile")) expect(judged[id]).toMatchObject({ status: "error", errorCode: "ENGINE_FAILED", source: "docker" });
    expect(judged["pythonapp-dockerfile"]).toMatchObject({ status: "failed", source: "hand-in" });
  });

  it("leaves the run's steps unjudged when the engine broke the build, never the student's failure", () => {
    const app = { ...noFolder.app, dir: "/x", dockerfile: { file: "Dockerfile", exact: true } };
    const build = { ok: false, log: "", durationMs: 1, error: "failed to register layer: no space left on device" };
    const judged = judgeApp(handoutLab, { evidence: { ...noFolder, app, build }, runner: "docker" });
    expect(judged["pythonapp-build"]!.status).toBe("error");
    expect(judged["pythonapp-output"]).toMatchObject({ status: "error", message: expect.stringContaining("no space left on device") });
    expect(judged["pythonapp-plot"]!.status).toBe("error");
  });
});

describe("requires", () => {
  const lab = { steps: [{ id: "a", requires: [] }, { id: "b", requires: ["a"] }] } as unknown as Parameters<typeof withRequirements>[0];
  it("judges a step only when the steps it requires passed", () => {
    const passedA = withRequirements(lab, { a: { status: "passed", message: "ok", source: "live" }, b: { status: "failed", message: "own", source: "live" } });
    expect(passedA.b).toMatchObject({ status: "failed", message: "own" });
    const failedA = withRequirements(lab, { a: { status: "failed", message: "no", source: "live" }, b: { status: "passed", message: "own", source: "live" } });
    expect(failedA.b).toMatchObject({ status: "failed", message: "Not judged yet: this step needs `a`, which did not pass.", hint: "Make `a` pass first." });
    const erredA = withRequirements(lab, { a: { status: "error", message: "engine gone", source: "live", errorCode: "ENGINE_FAILED" }, b: { status: "passed", message: "own", source: "live" } });
    expect(erredA.b).toMatchObject({ status: "error", errorCode: "ENGINE_FAILED" });
  });

  it("holds judgeEngine to it as well, so a walk judged without the app (lab check, the recorder, watch) says what grade says", () => {
    const engineLab = {
      steps: [
        { id: "a", kind: "engine", reads: ["containers"], requires: [], check: () => ({ status: "failed", message: "no a" }) },
        { id: "b", kind: "engine", reads: ["containers"], requires: ["a"], check: () => ({ status: "passed", message: "own" }) },
      ],
    } as unknown as Parameters<typeof judgeEngine>[0];
    const judged = judgeEngine(engineLab, { kind: "snapshot", snapshot: { ...noEngineSnapshot, engine: { version: "20.10.24" } } as EngineSnapshot, source: "evidence-file" });
    expect(judged.b).toMatchObject({ status: "failed", message: "Not judged yet: this step needs `a`, which did not pass.", source: "evidence-file" });
  });
});
