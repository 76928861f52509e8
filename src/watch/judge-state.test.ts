import { describe, expect, it } from "vitest";
import { DEFAULT_STEPS, handoutLab } from "../../testing/lab/lab-steps.ts";
import { judgeState } from "./judge-state.ts";
import { handoutWalk } from "../../testing/watch/replay.ts";
import { initialState, reduce, type WatchState } from "./watch-state.ts";

const at = "2026-11-28T10:00:00.000Z";
const firstRead = handoutWalk().commands[0]!.events.find((e) => e.kind === "engine-read")!;
const appJudged = handoutWalk().commands[0]!.events.find((e) => e.kind === "app-judged")!;
const byId = (state: WatchState) => Object.fromEntries(judgeState(state, handoutLab, DEFAULT_STEPS).steps.map((s) => [s.id, s]));

describe("judgeState", () => {
  it("before anything is known, every step is pending and scores nothing", () => {
    const view = judgeState(initialState(), handoutLab, DEFAULT_STEPS);
    expect(new Set(view.steps.map((s) => s.status))).toEqual(new Set(["pending"]));
    expect(view).toMatchObject({ score: 0, max: 100, engine: "connecting", app: "waiting" });
  });

  it("with no engine ever answering, the engine steps are not judged here, as in every mode, and docker-engine says how to start one", () => {
    const steps = byId(reduce(initialState("28.2.2"), { kind: "engine-lost", at, problem: "no socket there", retryInMs: 250 }));
    expect(steps["docker-engine"]).toMatchObject({ status: "skipped", points: 0, message: "Not judged here: this step is judged from the Docker engine where the lab was done, and the Docker engine is not answering." });
    expect(steps["docker-engine"]!.hint).toMatch(/^Start Docker Desktop/);
    expect(steps["mycontainer-created"]).toMatchObject({ status: "skipped", stale: false });
    expect(steps["mycontainer-created"]!.hint).not.toMatch(/Start Docker Desktop/);
    expect(steps["pythonapp-output"]!.status).toBe("pending");
  });

  it("while the engine does not answer, keeps the last verdicts and marks them as such", () => {
    const read = reduce(initialState(), firstRead);
    const lost = reduce(read, { kind: "engine-lost", at, problem: "nothing listens there", retryInMs: 1000 });
    expect(byId(read)["docker-engine"]).toMatchObject({ status: "passed", stale: false });
    expect(byId(lost)["docker-engine"]).toMatchObject({ status: "passed", stale: true });
    expect(judgeState(lost, handoutLab, DEFAULT_STEPS).engine).toBe("not answering");
    expect(judgeState(lost, handoutLab, DEFAULT_STEPS).score).toBe(judgeState(read, handoutLab, DEFAULT_STEPS).score);
  });

  it("while the app is built again, keeps its last verdicts, marked as such", () => {
    const judged = reduce(reduce(initialState(), firstRead), appJudged);
    const rebuilding = reduce(reduce(judged, { kind: "files-changed", at, files: ["app.py"] }), { kind: "app-judging", at, upTo: 1 });
    expect(byId(judged)["pythonapp-output"]).toMatchObject({ status: "failed", stale: false });
    expect(byId(rebuilding)["pythonapp-output"]).toMatchObject({ status: "failed", stale: true });
    expect(judgeState(rebuilding, handoutLab, DEFAULT_STEPS).app).toBe("judging");
  });

  it("gives a rubric file's points", () => {
    const steps = DEFAULT_STEPS.map((s) => (s.id === "docker-engine" ? { ...s, points: 3 } : s));
    const view = judgeState(reduce(initialState(), firstRead), handoutLab, steps);
    expect(view.steps[0]).toMatchObject({ points: 3, maxPoints: 3 });
    expect(view.max).toBe(93);
  });
});
