import { expect, it } from "vitest";
import type { CheckResult } from "../checks/check-result.ts";
import { score } from "./score.ts";
import { DEFAULT_STEPS, STEP_IDS, type StepId } from "./steps.ts";

const all = (status: CheckResult["status"]) => Object.fromEntries(STEP_IDS.map((id) => [id, { status, message: id }])) as Record<StepId, CheckResult>;

it("gives full points to passed steps and none to failed, error or skipped ones", () => {
  expect(score(DEFAULT_STEPS, all("passed"))).toMatchObject({ score: 100, maxScore: 100 });
  const mixed = { ...all("passed"), "pythonapp-output": { status: "failed", message: "no" }, "pythonapp-plot": { status: "error", message: "engine gone" }, "docker-engine": { status: "skipped", message: "" } } as Record<StepId, CheckResult>;
  const result = score(DEFAULT_STEPS, mixed);
  expect(result.score).toBe(100 - 15 - 10 - 10);
  expect(result.steps.find((s) => s.id === "pythonapp-output")).toMatchObject({ points: 0, maxPoints: 15, status: "failed" });
});
