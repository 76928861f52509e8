import { describe, expect, it } from "vitest";
import { rubricDigest } from "./rubric-digest.ts";
import { DEFAULT_STEPS } from "../../testing/lab/lab-steps.ts";

describe("rubricDigest", () => {
  it("changes when one step's points change, and not with titles", () => {
    const base = rubricDigest(DEFAULT_STEPS);
    expect(base).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(rubricDigest(DEFAULT_STEPS.map((s) => ({ ...s, title: "renamed" })))).toBe(base);
    expect(rubricDigest(DEFAULT_STEPS.map((s) => (s.id === "pythonapp-plot" ? { ...s, points: 20 } : s)))).not.toBe(base);
  });
});
