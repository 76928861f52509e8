import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "../../config.ts";
import { gradeSubmission } from "../../pipeline/grade-submission.ts";
import { DEFAULT_STEPS, handoutLab } from "../../../testing/lab/lab-steps.ts";
import { submissionFixtures } from "../../../testing/fixtures.ts";
import { DEFAULT_SANDBOX } from "../app-runner.ts";
import { testWheelCache } from "../../../testing/runners/test-wheels.ts";
import { VenvCache } from "./venv-cache.ts";

const APP_STEPS = ["pythonapp-dockerfile", "pythonapp-build", "pythonapp-output", "pythonapp-plot"] as const;

// Fixtures whose app steps cannot get the engine's verdicts without one, and why. Empty: every fixture agrees.
const CANNOT_AGREE: Record<string, string> = {};

// The "same verdicts with or without an engine": every submission fixture graded with no engine (its app
// built in a venv and run on this machine), its app steps compared with the engine verdicts in its expected.json.
describe("grading without an engine", () => {
  const venvs = new VenvCache();
  let wheelsDir = "";
  beforeAll(async () => {
    wheelsDir = await testWheelCache();
  }, 600_000);
  afterAll(() => venvs.dispose());

  const gradeFixture = (fixture: ReturnType<typeof submissionFixtures>[number]) =>
    gradeSubmission(
      { dir: fixture.dir, evidence: { kind: "file", path: fixture.evidenceFile } },
      {
        lab: handoutLab, steps: DEFAULT_STEPS,
        config: readConfig(),
        sandbox: { ...DEFAULT_SANDBOX, ...(fixture.timeoutSeconds ? { timeoutMs: fixture.timeoutSeconds * 1000 } : {}) },
        buildTimeoutMs: 300_000,
        local: { mode: "only", wheelsDir, venvs },
      },
    );

  describe.concurrent("every fixture's app steps agree with the engine's", () => {
    for (const fixture of submissionFixtures()) {
      it(`${fixture.name}: ${fixture.description}`, async () => {
        const report = await gradeFixture(fixture);
        const found = Object.fromEntries(report.steps.filter((s) => (APP_STEPS as readonly string[]).includes(s.id)).map((s) => [s.id, s.status]));
        const expected = Object.fromEntries(APP_STEPS.map((id) => [id, fixture.steps[id]]));
        const why = report.steps.filter((s) => found[s.id] !== undefined && found[s.id] !== expected[s.id]).map((s) => `${s.id}: ${s.status} — ${s.message} ${s.hint ?? ""} ${s.details ?? ""}`).join("\n");
        if (CANNOT_AGREE[fixture.name]) expect(found, CANNOT_AGREE[fixture.name]).not.toEqual(expected);
        else expect(found, why).toEqual(expected);
      }, 300_000);
    }
  });

  it("grades the reference to full marks, its plot captured as a PNG", async () => {
    const reference = submissionFixtures().find((f) => f.name === "reference")!;
    const report = await gradeFixture(reference);
    expect(report.steps.filter((s) => s.status !== "passed").map((s) => `${s.id}: ${s.message}`)).toEqual([]);
    expect(report.score).toBe(100);
    expect(report.app?.plots[0]?.pngBase64).toMatch(/^iVBORw0KGgo/);
    expect(report.app?.stdout).toContain("This is the squaring function");
  }, 300_000);

  it("fails the output of a Dockerfile without `RUN pip install` with ModuleNotFoundError, as in Docker", async () => {
    const noPip = submissionFixtures().find((f) => f.name === "no-pip-line")!;
    const report = await gradeFixture(noPip);
    const output = report.steps.find((s) => s.id === "pythonapp-output")!;
    expect(output.status).toBe("failed");
    expect(output.message).toContain("ModuleNotFoundError: No module named 'numpy'");
    expect(output.hint).toContain("RUN pip install numpy matplotlib");
    expect(report.steps.find((s) => s.id === "pythonapp-build")?.status).toBe("passed");
  }, 300_000);
});
