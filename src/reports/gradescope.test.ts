import { describe, expect, it } from "vitest";
import { renderGradescope } from "./gradescope.ts";
import type { GradeReport } from "../lab/result.ts";
import { sampleReport, TINY_PNG } from "../../testing/reports/sample-report.ts";

interface Results {
  score: number;
  execution_time: number;
  output: string;
  output_format: string;
  visibility: string;
  stdout_visibility: string;
  extra_data: { maxScore: number; withoutEngine: boolean };
  tests: Array<{ name: string; number: string; score: number; max_score: number; status: string; output: string; output_format: string; tags: string[]; visibility: string }>;
}

// The sample with a plot step, as a report with a captured figure has one.
function withPlotStep(plots: NonNullable<GradeReport["app"]>["plots"]): GradeReport {
  const report = sampleReport();
  report.steps.push({ id: "pythonapp-plot", kind: "app", expect: "plot", source: "docker", title: "The app plots y = x²", status: "failed", points: 0, maxPoints: 10, message: "Expected the title `Squaring Function`; found `<b>Squares</b>`.", hint: "Use pl.title('Squaring Function')." });
  report.app = { ...report.app!, plots };
  return report;
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

  it("gives every test and stdout Gradescope's visibility, and each output its format", () => {
    expect(results).toMatchObject({ visibility: "visible", stdout_visibility: "visible", output_format: "text" });
    expect(results.tests.every((t) => t.visibility === "visible" && t.output_format === "text")).toBe(true);
    const hidden = JSON.parse(renderGradescope(sampleReport(), { visibility: "after_due_date" })) as Results;
    expect(hidden).toMatchObject({ visibility: "after_due_date", stdout_visibility: "after_due_date" });
    expect(new Set(hidden.tests.map((t) => t.visibility))).toEqual(new Set(["after_due_date"]));
  });

  it("shows the app's figure in the plot step's output as an HTML image, the student's text escaped", () => {
    const plot = (JSON.parse(renderGradescope(withPlotStep([{ figure: 1, trigger: "show", pngBase64: TINY_PNG }]))) as Results).tests.at(-1)!;
    expect(plot.output_format).toBe("html");
    expect(plot.output).toContain(`<img alt="The figure the app drew" style="max-width: 100%" src="data:image/png;base64,${TINY_PNG}">`);
    expect(plot.output).toContain("found `&lt;b&gt;Squares&lt;/b&gt;`");
    expect(plot.output).not.toContain("<b>");
  });

  it("never puts a capture that is not base64 into the HTML", () => {
    const plot = (JSON.parse(renderGradescope(withPlotStep([{ figure: 2, trigger: "exit", pngBase64: '"><script>alert(2)</script>' }]))) as Results).tests.at(-1)!;
    expect(plot.output_format).toBe("text");
    expect(plot.output).not.toContain("<script>");
  });

  it("says in its output when the app was graded without an engine", () => {
    const without = JSON.parse(renderGradescope(sampleReport(), { withoutEngine: "Graded without a Docker engine (--no-engine)." })) as Results;
    expect(without.output).toContain("Graded without a Docker engine");
    expect(without.extra_data.withoutEngine).toBe(true);
    expect(results.extra_data.withoutEngine).toBe(false);
  });
});
