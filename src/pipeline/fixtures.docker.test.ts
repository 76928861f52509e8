import { describe, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import { DEFAULT_SANDBOX } from "../runners/app-runner.ts";
import { DEFAULT_STEPS } from "../lab/steps.ts";
import { submissionFixtures } from "../testing/fixtures.ts";
import { gradeSubmission } from "./grade-submission.ts";

// Every submission fixture, graded end to end on the engine, gets exactly the statuses it states.
describe("submission fixtures", () => {
  const config = readConfig();
  for (const fixture of submissionFixtures()) {
    it(`${fixture.name}: ${fixture.description}`, async () => {
      const report = await gradeSubmission(
        { dir: fixture.dir, evidence: { kind: "file", path: fixture.evidenceFile } },
        { steps: DEFAULT_STEPS, config, sandbox: { ...DEFAULT_SANDBOX, ...(fixture.timeoutSeconds ? { timeoutMs: fixture.timeoutSeconds * 1000 } : {}) }, buildTimeoutMs: 600_000 },
      );
      const found = Object.fromEntries(report.steps.map((s) => [s.id, s.status]));
      const why = report.steps.filter((s) => s.status !== fixture.steps[s.id]).map((s) => `${s.id}: ${s.status} — ${s.message} ${s.hint ?? ""}`).join("\n");
      expect(found, why).toEqual(fixture.steps);
    });
  }
});
