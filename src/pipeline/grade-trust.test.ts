import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { existsSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HANDOUT_FILES } from "../../testing/lab/lab-steps.ts";
import type { AppBuilder, AppRunner } from "../runners/app-runner.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { FIXTURES, handoutWalk } from "../../testing/fixtures.ts";
import { FORMAT_1_NOTE } from "../trust/assess-evidence.ts";
import { grade } from "./grade.ts";

// A fixed day after the walks were recorded, as the trust fixtures' own test grades them.
const NOW = new Date("2026-12-04T12:00:00Z");
const builder: AppBuilder = { build: async () => ({ ok: true, log: "", durationMs: 1 }) };
const runner: AppRunner = { run: async () => okRun() };

let root: string;
beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "grade-trust-test-"))));
afterAll(() => rm(root, { recursive: true, force: true }));

// A hand-in as a student makes it: the handout's app, the Dockerfile the walk was built from (the handout's
// when the fixture has none), and the evidence file.
async function handIn(fixtureDir: string, name: string): Promise<string> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "app.py"), HANDOUT_FILES["app.py"]!);
  const dockerfile = path.join(fixtureDir, "Dockerfile");
  if (existsSync(dockerfile)) await copyFile(dockerfile, path.join(dir, "Dockerfile"));
  else await writeFile(path.join(dir, "Dockerfile"), HANDOUT_FILES.Dockerfile!);
  await copyFile(path.join(fixtureDir, "evidence.json"), path.join(dir, "evidence.json"));
  return dir;
}

const fixtureDir = (set: string, name: string) => (set === "evidence" ? handoutWalk(name) : path.join(FIXTURES, set, name));
const gradeFixture = async (set: string, name: string, trust = {}) => grade(fakeGrader(builder, runner), { dir: await handIn(fixtureDir(set, name), `${set.replace("/", "-")}-${name}-${Object.keys(trust).join("-")}`), evidence: { kind: "carried" } }, { now: NOW, trust });

// Zero false flags: every genuine evidence file the project has, graded as a hand-in is (the folder's
// evidence.json, its Dockerfile), is collected with no reason, and every engine step carries that level.
describe("the trust of a grade from genuine evidence", () => {
  it.each(readdirSync(path.join(FIXTURES, "evidence-v2/genuine")))("evidence-v2/genuine/%s: collected, no reason", async (name) => {
    const report = await gradeFixture("evidence-v2/genuine", name);
    expect(report.trust).toEqual({ level: "collected", reasons: [] });
    expect(report.steps.filter((s) => s.kind === "engine").map((s) => s.trust)).toEqual(Array(7).fill("collected"));
    expect(report.steps.filter((s) => s.kind === "app").every((s) => s.trust === undefined)).toBe(true);
  });
  it.each(readdirSync(path.join(handoutWalk("full-walk"), "..")))("evidence/%s (format 1): collected with the note, no reason", async (name) => {
    const report = await gradeFixture("evidence", name);
    expect(report.trust).toEqual({ level: "collected", reasons: [], note: FORMAT_1_NOTE });
  });
});

describe("the trust of a grade", () => {
  it("is suspicious with the reasons of a forged file, and the points stay as judged", async () => {
    const report = await gradeFixture("evidence-v2/forged", "name-in-facts");
    expect(report.trust?.level).toBe("suspicious");
    expect(report.trust?.reasons.map((r) => r.code)).toContain("fact-mismatch");
    expect(report.steps.find((s) => s.id === "mycontainer-created")).toMatchObject({ status: "passed", points: 10, trust: "suspicious" });
  });
  it("takes the class's rules: format 1 is a reason under --require-evidence 2, and times outside --window are", async () => {
    const old = await gradeFixture("evidence", "full-walk", { requireFormat: 2 });
    expect(old.trust).toMatchObject({ level: "suspicious", reasons: [{ code: "format-too-old" }] });
    const late = await gradeFixture("evidence-v2/genuine", "full-walk", { window: { start: new Date("2020-01-01T00:00:00Z"), end: new Date("2020-02-01T00:00:00Z") } });
    expect(late.trust?.reasons.map((r) => r.code)).toContain("time-outside-window");
  });
  it("is none when nothing was handed in, and when no engine and no file can show the engine steps", async () => {
    const dir = path.join(root, "no-evidence");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "app.py"), HANDOUT_FILES["app.py"]!);
    await writeFile(path.join(dir, "Dockerfile"), HANDOUT_FILES.Dockerfile!);
    const carried = await grade(fakeGrader(builder, runner), { dir, evidence: { kind: "carried" } }, { now: NOW });
    expect(carried.trust).toEqual({ level: "none", reasons: [] });
    const notHere = await grade(fakeGrader(builder, runner), { dir, evidence: { kind: "auto" } }, { now: NOW });
    expect(notHere.steps.find((s) => s.id === "docker-engine")).toMatchObject({ status: "skipped", trust: "none" });
    expect(notHere.trust).toEqual({ level: "none", reasons: [] });
  });
  it("is live for a snapshot read from the student's engine during this grade", async () => {
    const dir = await handIn(path.join(FIXTURES, "evidence-v2/forged", "name-in-facts"), "live");
    const { readEvidence } = await import("../evidence/evidence-file.ts");
    const { snapshot } = await readEvidence(path.join(dir, "evidence.json"));
    const report = await grade(fakeGrader(builder, runner), { dir, evidence: { kind: "read", snapshot, source: "live" } }, { now: NOW });
    expect(report.trust).toEqual({ level: "live", reasons: [] });
  });
});
