import { expect, it } from "vitest";
import type { Judged } from "./result.ts";
import { maxScore, score, scoreSteps } from "./score.ts";
import { DEFAULT_STEPS, STEP_IDS, type StepId } from "../../testing/lab/lab-steps.ts";

const all = (status: Judged["status"]) => Object.fromEntries(STEP_IDS.map((id) => [id, { status, message: id, source: "live" }])) as Record<StepId, Judged>;

it("gives full points to passed steps and none to failed, error or skipped ones", () => {
  expect(score(DEFAULT_STEPS, all("passed"))).toMatchObject({ score: 100, maxScore: 100 });
  const mixed: Record<StepId, Judged> = { ...all("passed"), "pythonapp-output": { status: "failed", message: "no", source: "docker" }, "pythonapp-plot": { status: "error", message: "engine gone", source: "docker" }, "docker-engine": { status: "skipped", message: "", source: "none" } };
  const result = score(DEFAULT_STEPS, mixed);
  expect(result.score).toBe(100 - 15 - 10 - 10);
  expect(result.steps.find((s) => s.id === "pythonapp-output")).toMatchObject({ points: 0, maxPoints: 15, status: "failed", kind: "app", source: "docker" });
});

it("scores any result shape the same way (watch's pending steps earn nothing), with a rubric's points", () => {
  const steps = DEFAULT_STEPS.map((s) => (s.id === "docker-engine" ? { ...s, points: 3 } : s));
  const scored = scoreSteps(steps, (step) => ({ status: step.id === "docker-engine" ? "passed" : "pending", stale: false }));
  expect(scored).toMatchObject({ score: 3, maxScore: 93 });
  expect(maxScore(steps)).toBe(93);
  expect(scored.steps[0]).toMatchObject({ id: "docker-engine", kind: "engine", points: 3, maxPoints: 3, stale: false });
});
