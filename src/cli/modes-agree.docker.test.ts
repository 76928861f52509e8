import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pLimit from "p-limit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClassRow } from "../model/class-row.ts";
import { DEFAULT_STEPS, type StepId } from "../../testing/lab/lab-steps.ts";
import { gradeThroughSuites } from "../../testing/modes/through-suites.ts";
import { runAutograder } from "../../testing/modes/through-gradescope.ts";
import { testWheelCache } from "../../testing/runners/test-wheels.ts";
import { submissionFixtures } from "../../testing/fixtures.ts";
import { runCli } from "../../testing/run-cli.ts";

// The contract between the ways of grading: every submission fixture, graded in every mode that applies, gets the
// same verdict and points for each step. Modes that judge from the hand-in's evidence.json agree on all eleven
// steps (and with the fixture's expected.json); modes that read the live engine agree with each other; the app
// steps agree everywhere, with or without an engine. The live engine is the same for every fixture, so the two
// modes that read it (a live grade, then watch --once) grade the reference and one fixture of each other pattern of
// expected app verdicts: each way the app steps can come out, live and from evidence.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TIMEOUT = "20";
const fixtures = submissionFixtures();
type Verdicts = Partial<Record<StepId, string>>;
const verdicts = (steps: ReadonlyArray<{ id: StepId; status: string; points: number }>): Verdicts => Object.fromEntries(steps.map((s) => [s.id, `${s.status} ${s.points}`]));
const appOnly = (v: Verdicts): Verdicts => Object.fromEntries(Object.entries(v).filter(([id]) => DEFAULT_STEPS.find((s) => s.id === id)?.kind === "app"));
const gradedLive = new Set(["reference"]);
const patternsSeen = new Set([JSON.stringify(appOnly(fixtures.find((f) => f.name === "reference")!.steps))]);
for (const fixture of fixtures) {
  const pattern = JSON.stringify(appOnly(fixture.steps));
  if (!patternsSeen.has(pattern)) gradedLive.add(fixture.name);
  patternsSeen.add(pattern);
}
const table = new Map<string, Map<string, Verdicts>>();
const record = (fixture: string, mode: string, v: Verdicts) => (table.get(fixture) ?? table.set(fixture, new Map()).get(fixture)!).set(mode, v);

let work: string;
let hand: string;
let wheels: string;

const threeAtATime = pLimit(3);

// A grade by the command line, and the verdicts of the results.json it writes (Gradescope's format).
async function gradedBy(args: string[], outDir: string, env: NodeJS.ProcessEnv = {}): Promise<Verdicts> {
  const ran = await runCli(args, env);
  expect(ran.exitCode, ran.stderr).toBe(0);
  return fromGradescope(await readFile(path.join(outDir, "results.json"), "utf8"));
}

function fromGradescope(text: string): Verdicts {
  const tests = (JSON.parse(text) as { tests: Array<{ score: number; extra_data: { step: StepId; status: string } }> }).tests;
  return Object.fromEntries(tests.map((t) => [t.extra_data.step, `${t.extra_data.status} ${t.score}`]));
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "labgrade-modes-"));
  hand = path.join(work, "class");
  // Each fixture as a student hands it in: the folder with its evidence.json (the recorded walk it states).
  for (const fixture of fixtures) {
    const dir = path.join(hand, fixture.name);
    await cp(fixture.dir, dir, { recursive: true, filter: (src) => path.basename(src) !== "expected.json" });
    await cp(fixture.evidenceFile, path.join(dir, "evidence.json"));
  }
  wheels = await testWheelCache();
});

afterAll(async () => {
  const modes = [...new Set([...table.values()].flatMap((m) => [...m.keys()]))];
  const rows = [...table.entries()].map(([name, byMode]) => {
    const first = [...byMode.values()][0] ?? {};
    return `| ${name} | ${modes.map((m) => (!byMode.has(m) ? "–" : JSON.stringify(byMode.get(m)) === JSON.stringify(m.startsWith("live") || m === "watch --once" ? byMode.get("live: grade") : first) || (m !== "live: grade" && JSON.stringify(appOnly(byMode.get(m)!)) === JSON.stringify(appOnly(first))) ? "=" : "≠")).join(" | ")} |`;
  });
  console.log([`| fixture | ${modes.join(" | ")} |`, `|---|${modes.map(() => "---").join("|")}|`, ...rows].join("\n"));
  await rm(work, { recursive: true, force: true });
});

describe("every way of grading gives the same verdicts", () => {
  let bulk: Map<string, ClassRow>;

  beforeAll(async () => {
    const out = path.join(work, "bulk-out");
    const ran = await runCli(["bulk", hand, "--out", out, "--concurrency", "2", "--timeout", TIMEOUT]);
    expect(ran.exitCode, ran.stderr).toBe(0);
    const rows = (await readFile(path.join(out, "journal.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as ClassRow);
    bulk = new Map(rows.map((r) => [r.student, r]));
  });

  for (const fixture of fixtures) {
    it(fixture.name, async () => {
      const dir = path.join(hand, fixture.name);
      const out = (mode: string) => path.join(work, "out", fixture.name, mode);

      // The suites set LAB_* in this process while they grade: alone, before the commands below start.
      const bySuites = await throughSuites(dir, out("suites"));

      // The other ways, three at a time (each waits on the engine and its apps more than it computes). From the
      // evidence the hand-in carries, without an engine, through Gradescope's entry point, and from the live engine.
      const [byGrade, noEngine, gradescope, byLive] = (await Promise.all([
        () => gradedBy(["grade", dir, "--out", out("grade"), "--timeout", TIMEOUT], out("grade")),
        () => gradedBy(["grade", dir, "--no-engine", "--out", out("no-engine"), "--timeout", TIMEOUT], out("no-engine"), { LABGRADE_WHEELS: wheels }),
        () => throughGradescope(dir, path.join(work, "autograder", fixture.name)),
        async () => (gradedLive.has(fixture.name) ? gradedBy(["grade", dir, "--evidence", "live", "--out", out("live"), "--timeout", TIMEOUT], out("live")) : null),
      ].map((mode) => threeAtATime(mode)))) as [Verdicts, Verdicts, Verdicts, Verdicts | null];
      expect(Object.fromEntries(Object.entries(byGrade).map(([id, v]) => [id, v!.split(" ")[0]])), "grade against expected.json").toEqual(fixture.steps);
      record(fixture.name, "grade", byGrade);
      record(fixture.name, "grade --no-engine", noEngine);
      const row = bulk.get(fixture.name);
      expect(row?.status, row?.reason ?? "no row").toBe("graded");
      record(fixture.name, "bulk", verdicts(row!.steps));
      record(fixture.name, "suites", bySuites);
      record(fixture.name, "gradescope", gradescope);
      const modes = table.get(fixture.name)!;
      for (const mode of ["grade --no-engine", "bulk", "suites", "gradescope"]) expect(modes.get(mode), mode).toEqual(byGrade);
      if (!byLive) return;
      record(fixture.name, "live: grade", byLive);

      // watch --once reads the same engine as the live grade, after it.
      const watched = await runCli(["watch", dir, "--once", "--json-lines", "--timeout", TIMEOUT], { LABGRADE_CACHE_DIR: path.join(work, "watch-cache") });
      expect(watched.exitCode, watched.stderr).toBe(0);
      const line = JSON.parse(watched.stdout.trim().split("\n").at(-1)!) as { steps: Record<StepId, { status: string; points: number }> };
      record(fixture.name, "watch --once", verdicts(Object.entries(line.steps).map(([id, s]) => ({ id: id as StepId, ...s }))));

      expect(modes.get("watch --once"), "watch --once against live grade").toEqual(byLive);
      expect(appOnly(byLive), "the app steps, live and from evidence").toEqual(appOnly(byGrade));
    });
  }
});

// The suites' grading, as `npm test` runs it for a student: their globalSetup, with the student's folder.
async function throughSuites(dir: string, outDir: string): Promise<Verdicts> {
  const report = await gradeThroughSuites({ LAB_SUBMISSION: dir, LAB_REPORTS: outDir, LAB_TIMEOUT: TIMEOUT });
  expect(report, "the suites' setup provides a grade").not.toBeNull();
  return verdicts(report!.steps);
}

// Gradescope's own entry point (templates/gradescope/run_autograder) in a stand-in /autograder.
async function throughGradescope(dir: string, root: string): Promise<Verdicts> {
  const ran = await runAutograder({ checkout: ROOT, wheels, root, handIn: dir, env: ["LABGRADE_VISIBILITY=visible", `LABGRADE_TIMEOUT=${TIMEOUT}`, "LABGRADE_MEMORY=512"] });
  expect(ran.exitCode, ran.output).toBe(0);
  return fromGradescope(ran.results!);
}
