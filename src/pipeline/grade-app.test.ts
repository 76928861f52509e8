import { describe, expect, it } from "vitest";
import { judgeApp } from "../lab/judge.ts";
import type { Lab } from "../lab/lab.ts";
import { parseLab } from "../labfile/read-lab.ts";
import type { AppRunRequest } from "../runners/app-runner.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { handoutFixture } from "../../testing/fixtures.ts";
import { gradeApp } from "./grade-app.ts";

const step = (id: string, file: string) => `  - { id: ${id}, title: ${id}, points: 1, expect: { run: { files: [{ path: ${file}, contains: done }] } } }\n`;
const LAB = `schema: labgrade.lab/1\nid: files-lab\ntitle: Files\nimages: [python]\napp: { tag: filesapp, base: python, script: app.py }\nsteps:\n${step("workdir", "/app/data/a.txt")}${step("tmp", "/tmp/c.txt")}${step("again", "/app/data/a.txt")}${step("own-folder", "/out/d.txt")}`;

async function filesLab(): Promise<Lab> {
  const result = await parseLab(LAB, "/labs/files-lab/lab.yaml");
  if (!("lab" in result)) throw new Error(JSON.stringify(result.problems));
  return result.lab;
}

describe("gradeApp and a lab's run.files", () => {
  it("asks the runner for each file the run steps read, once, and judges what it read", async () => {
    const lab = await filesLab();
    expect(lab.app?.runFiles).toEqual(["/app/data/a.txt", "/tmp/c.txt", "/out/d.txt"]);
    const asked: AppRunRequest[] = [];
    // The app wrote all but /out/d.txt.
    const written: Record<string, string> = { "/app/data/a.txt": "done\n", "/tmp/c.txt": "done\n" };
    const runner = { run: async (req: AppRunRequest) => (asked.push(req), okRun({ files: Object.fromEntries((req.files ?? []).map((f) => [f, written[f] ?? null])) })) };
    const grader = fakeGrader({ build: async () => ({ ok: true, log: "", durationMs: 1 }) }, runner);
    const { evidence } = await gradeApp({ ...grader, options: { ...grader.options, lab } }, handoutFixture("reference"));
    expect(asked.map((req) => req.files)).toEqual([["/app/data/a.txt", "/tmp/c.txt", "/out/d.txt"]]);
    const verdicts = judgeApp(lab, { evidence, runner: "docker" });
    expect(Object.fromEntries(Object.entries(verdicts).map(([id, v]) => [id, v.status]))).toEqual({ workdir: "passed", tmp: "passed", again: "passed", "own-folder": "failed" });
    expect(verdicts["own-folder"]!.message).toBe("Expected the app to write `/out/d.txt`; found no such file after its run.");
  });
});
