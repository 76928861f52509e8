import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
// steps agree everywhere, with or without an engine.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TIMEOUT = "20";
const fixtures = submissionFixtures();
type Verdicts = Partial<Record<StepId, string>>;
const verdicts = (steps: ReadonlyArray<{ id: StepId; status: string; points: number }>): Verdicts => Object.fromEntries(steps.map((s) => [s.id, `${s.status} ${s.points}`]));
const appOnly = (v: Verdicts): Verdicts => Object.fromEntries(Object.entries(v).filter(([id]) => DEFAULT_STEPS.find((s) => s.id === id)?.kind === "app"));
const table = new Map<string, Map<string, Verdicts>>();
const record = (fixture: string, mode: string, v: Verdicts) => (table.get(fixture) ?? table.set(fixture, new Map()).get(fixture)!).set(mode, v);

let work: string;
let hand: string;
let wheels: string;

// The results.json `grade` writes (Gradescope's format), each test with labgrade's own verdict.
async function results(outDir: string): Promise<Verdicts> {
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

      // From the evidence the hand-in carries.
      const graded = await runCli(["grade", dir, "--out", out("grade"), "--timeout", TIMEOUT]);
      expect(graded.exitCode, graded.stderr).toBe(0);
      const byGrade = await results(out("grade"));
      expect(Object.fromEntries(Object.entries(byGrade).map(([id, v]) => [id, v!.split(" ")[0]])), "grade against expected.json").toEqual(fixture.steps);
      record(fixture.name, "grade", byGrade);

      const noEngine = await runCli(["grade", dir, "--no-engine", "--out", out("no-engine"), "--timeout", TIMEOUT], { LABGRADE_WHEELS: wheels });
      expect(noEngine.exitCode, noEngine.stderr).toBe(0);
      record(fixture.name, "grade --no-engine", await results(out("no-engine")));

      const row = bulk.get(fixture.name);
      expect(row?.status, row?.reason ?? "no row").toBe("graded");
      record(fixture.name, "bulk", verdicts(row!.steps));

      record(fixture.name, "suites", await throughSuites(dir, out("suites")));
      record(fixture.name, "gradescope", await throughGradescope(dir, path.join(work, "autograder", fixture.name)));

      // From the live engine: grade and watch --once read the same engine, one after the other.
      const live = await runCli(["grade", dir, "--evidence", "live", "--out", out("live"), "--timeout", TIMEOUT]);
      expect(live.exitCode, live.stderr).toBe(0);
      const byLive = await results(out("live"));
      record(fixture.name, "live: grade", byLive);
      const watched = await runCli(["watch", dir, "--once", "--json-lines", "--timeout", TIMEOUT], { LABGRADE_CACHE_DIR: path.join(work, "watch-cache") });
      expect(watched.exitCode, watched.stderr).toBe(0);
      const line = JSON.parse(watched.stdout.trim().split("\n").at(-1)!) as { steps: Record<StepId, { status: string; points: number }> };
      record(fixture.name, "watch --once", verdicts(Object.entries(line.steps).map(([id, s]) => ({ id: id as StepId, ...s }))));

      const modes = table.get(fixture.name)!;
      for (const mode of ["grade --no-engine", "bulk", "suites", "gradescope"]) expect(modes.get(mode), mode).toEqual(byGrade);
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
