import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { judgeEngine } from "../pipeline/judge.ts";
import type { GradeReport } from "../reports/model.ts";
import { DEFAULT_STEPS } from "../rubric/steps.ts";
import { ENGINE_STEPS, notJudgedHere, writeGradescopeResults } from "./grade-command.ts";

function report(evidence: string): GradeReport {
  const steps = DEFAULT_STEPS.map((s) => ({ id: s.id, title: s.title, maxPoints: s.points, points: s.id.startsWith("pythonapp-") && s.id !== "pythonapp-image" ? s.points : 0, status: s.id.startsWith("pythonapp-") && s.id !== "pythonapp-image" ? ("passed" as const) : ("error" as const), message: "labgrade could not read the Docker engine" }));
  return { labgradeVersion: "0.1.0", submission: { name: "x", path: "/x" }, evidence, startedAt: "", timings: { evidenceMs: 0, buildMs: 0, runMs: 0, totalMs: 0 }, steps, score: 40, maxScore: 100, app: null };
}

describe("notJudgedHere", () => {
  it("names exactly the steps judged from the engine", () => {
    expect([...ENGINE_STEPS].sort()).toEqual(Object.keys(judgeEngine({ snapshot: null, source: "none", missing: "none" })).sort());
  });

  it("marks the engine steps skipped, not judged here, saying why and which evidence would judge them", () => {
    const graded = notJudgedHere(report("live"), "labgrade ran with --no-engine");
    const engine = graded.steps.filter((s) => (ENGINE_STEPS as readonly string[]).includes(s.id));
    expect(engine).toHaveLength(7);
    for (const step of engine) {
      expect(step).toMatchObject({ status: "skipped", points: 0 });
      expect(step.message).toBe("Not judged here: this step is judged from the Docker engine where the lab was done, and labgrade ran with --no-engine.");
      expect(step.hint).toContain("npx labgrade collect -o evidence.json");
    }
    expect(graded.steps.filter((s) => s.status === "passed").map((s) => s.id)).toEqual(["pythonapp-dockerfile", "pythonapp-build", "pythonapp-output", "pythonapp-plot"]);
    expect(graded.score).toBe(40);
  });

  it("leaves steps judged from an evidence file as they were judged", () => {
    const fromFile = report("/subs/alice/evidence.json");
    expect(notJudgedHere(fromFile, "no Docker engine answered")).toBe(fromFile);
  });
});

describe("writeGradescopeResults", () => {
  it("writes no results.json, and removes a stale one, when a step could not be judged", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-gradescope-results-"));
    try {
      const file = path.join(dir, "results", "results.json");
      await mkdir(path.dirname(file));
      await writeFile(file, "{\"score\": 100}");
      const why = await writeGradescopeResults(file, "{}", report("live"));
      expect(why).toBe(`labgrade did not write ${file}: it could not judge docker-engine, hello-world-ran, mycontainer-created, mycontainer-started, hello-world-removed, pythonapp-image, python-image-removed, and Gradescope would score that as the student's 0. The autograder fails instead; fix the machine and grade again.`);
      await expect(access(file)).rejects.toThrow();
      const judged = notJudgedHere(report("live"), "labgrade ran with --no-engine");
      expect(await writeGradescopeResults(file, "{\"score\": 40}", judged)).toBeNull();
      expect(await readFile(file, "utf8")).toBe("{\"score\": 40}");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
