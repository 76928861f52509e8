import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type EngineInput, judgeEngine } from "../lab/judge.ts";
import type { GradeReport, Judged } from "../lab/result.ts";
import { score } from "../lab/score.ts";
import { APP_STEP_IDS, type AppStepId, DEFAULT_STEPS, handoutLab } from "../../testing/lab/lab-steps.ts";
import { writeGradescopeResults } from "./grade-command.ts";

// A grade as `grade` makes it without an engine or evidence: the app steps passed, the engine steps as judged.
function report(engine: EngineInput): GradeReport {
  const app: Record<AppStepId, Judged> = Object.fromEntries(APP_STEP_IDS.map((id) => [id, { status: "passed", message: "ok", source: "local" }])) as Record<AppStepId, Judged>;
  const scored = score(DEFAULT_STEPS, { ...judgeEngine(handoutLab, engine), ...app });
  return { labgradeVersion: "0.1.0", submission: { name: "x", path: "/x" }, evidence: "live", startedAt: "", timings: { evidenceMs: 0, buildMs: 0, runMs: 0, totalMs: 0 }, app: null, ...scored };
}
const unreadable: EngineInput = { kind: "snapshot", source: "live", snapshot: { schema: "labgrade.evidence/1", collectedAt: "", labgradeVersion: "", client: { version: null }, engine: null, endpoint: null, containers: [], images: [] } };

describe("writeGradescopeResults", () => {
  it("writes no results.json, and removes a stale one, when a step could not be judged", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-gradescope-results-"));
    try {
      const file = path.join(dir, "results", "results.json");
      await mkdir(path.dirname(file));
      await writeFile(file, "{\"score\": 100}");
      const why = await writeGradescopeResults(file, "{}", report(unreadable));
      expect(why).toBe(`labgrade did not write ${file}: it could not judge hello-world-ran, mycontainer-created, mycontainer-started, hello-world-removed, pythonapp-image, python-image-removed, and Gradescope would score that as the student's 0. The autograder fails instead; fix the machine and grade again.`);
      await expect(access(file)).rejects.toThrow();
      const judged = report({ kind: "unavailable", why: "labgrade ran with --no-engine" });
      expect(await writeGradescopeResults(file, "{\"score\": 40}", judged)).toBeNull();
      expect(await readFile(file, "utf8")).toBe("{\"score\": 40}");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
