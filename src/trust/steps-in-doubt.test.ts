import { describe, expect, it } from "vitest";
import { stepsInDoubt, type StepReading } from "./steps-in-doubt.ts";
import { reason } from "./reason.ts";

// Any lab's steps: the function knows none by name.
const STEPS: StepReading[] = [
  { id: "engine-up", kind: "engine", reads: ["engine"] },
  { id: "ran", kind: "engine", reads: ["containers", "logs"] },
  { id: "tagged", kind: "engine", reads: ["images"] },
  { id: "volume-made", kind: "engine", reads: ["volumes"] },
  { id: "builds", kind: "app", reads: ["folder", "build"] },
];

describe("stepsInDoubt", () => {
  it("doubts the engine steps reading a kind of fact a reason touches", () => {
    expect(stepsInDoubt({ level: "suspicious", reasons: [reason("app-not-built-from-dockerfile", "…")] }, STEPS)).toEqual(["tagged"]);
    expect(stepsInDoubt({ level: "suspicious", reasons: [reason("events-dropped", "…")] }, STEPS)).toEqual(["ran", "tagged", "volume-made"]);
    expect(stepsInDoubt({ level: "suspicious", reasons: [reason("fact-mismatch", "…", ["engine"])] }, STEPS)).toEqual(["engine-up"]);
  });
  it("a reason from an older row, which says nothing of what it touches, doubts every engine step, never an app step", () => {
    expect(stepsInDoubt({ level: "suspicious", reasons: [{ code: "fact-mismatch", message: "…" }] }, STEPS)).toEqual(["engine-up", "ran", "tagged", "volume-made"]);
  });
  it("doubts nothing when the evidence is not suspicious, or for a signal", () => {
    expect(stepsInDoubt({ level: "collected", reasons: [reason("class-shared-engine", "…")] }, STEPS)).toEqual([]);
    expect(stepsInDoubt({ level: "suspicious", reasons: [reason("class-shared-engine", "…"), reason("hello-world-output", "…")] }, STEPS)).toEqual(["ran"]);
    expect(stepsInDoubt(undefined, STEPS)).toEqual([]);
  });
});
