import { describe, expect, it } from "vitest";
import { renderGradescope } from "./gradescope.ts";
import { sampleReport } from "./sample-report.ts";

interface Results {
  score: number;
  execution_time: number;
  output: string;
  extra_data: { maxScore: number };
  tests: Array<{ name: string; number: string; score: number; max_score: number; status: string; output: string; tags: string[] }>;
}

describe("renderGradescope", () => {
  const text = renderGradescope(sampleReport());
  const results = JSON.parse(text) as Results;

  it("gives the score, the time in seconds and a test per step", () => {
    expect(results.score).toBe(10);
    expect(results.execution_time).toBe(42);
    expect(results.extra_data.maxScore).toBe(45);
    expect(results.tests.reduce((sum, t) => sum + t.max_score, 0)).toBe(45);
    expect(results.tests.map((t) => t.tags)).toEqual([["docker-engine"], ["hello-world-ran"], ["pythonapp-build"], ["pythonapp-output"]]);
    expect(results.tests.map((t) => t.number)).toEqual(["1", "2", "3", "4"]);
    expect(results.tests[1]).toMatchObject({ name: "hello-world ran and printed its greeting", score: 0, max_score: 10, status: "failed" });
  });

  it("maps error and skipped to failed and says the student is not to blame", () => {
    expect(results.tests.map((t) => t.status)).toEqual(["passed", "failed", "failed", "failed"]);
    expect(results.tests[2]?.output).toMatch(/^labgrade could not judge this step: The engine went away during the build\.\n.*not with your work/);
    expect(results.tests[3]?.output).toContain("not judged as your mistake");
    expect(results.output).toContain("1 step(s) could not be judged by labgrade");
  });

  it("puts the message and the hint in a failed test's output", () => {
    expect(results.tests[1]?.output).toContain("Expected `Hello from Docker!`");
    expect(results.tests[1]?.output).toContain("\n\nHint: Run `docker run hello-world`");
  });

  it("pretty-prints with two spaces", () => {
    expect(text).toMatch(/^\{\n {2}"score": 10,\n/);
  });
});
