import { describe, expect, it } from "vitest";
import { readEvidenceFile } from "../evidence/evidence-file.ts";
import { evidenceFixtures } from "../../testing/fixtures.ts";
import { judgeEngine } from "../lab/judge.ts";
import { handoutLab } from "../../testing/lab/lab-steps.ts";

// The recorded walks (each lab's walks/, made by labgrade lab record) give the statuses they state.
describe("recorded evidence fixtures", () => {
  for (const fixture of evidenceFixtures()) {
    it(fixture.name, async () => {
      const results = judgeEngine(handoutLab, { kind: "snapshot", snapshot: await readEvidenceFile(fixture.evidenceFile), source: "evidence-file" });
      expect(Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.status]))).toEqual(fixture.steps);
    });
  }
});
