import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Lab } from "../lab/lab.ts";
import { labFolder, labHandIns, loadLab } from "../labfile/index.ts";
import type { ClassRow } from "../model/class-row.ts";
import { runCli } from "../../testing/run-cli.ts";
import { gradeThroughSuites } from "../../testing/modes/through-suites.ts";
import { runAutograder } from "../../testing/modes/through-gradescope.ts";
import { testWheelCache } from "../../testing/runners/test-wheels.ts";

// The contract between the ways of grading, for the labs beside the handout's (the handout's own is
// modes-agree.docker.test.ts): each lab's hand-ins, graded in every mode with the lab named, get the same verdict and
// points per step. From the hand-in's evidence: grade (the Classroom workflow's command, with `passed` after it),
// bulk and the suites (`LAB=… npm test`); without an engine (`--no-engine`, Gradescope's autograder) the same, but
// the steps that start services, which are not judged there; from the live engine (the reference only: the app's
// steps are the same as from evidence), grade and watch --once agree with each other. Every hand-in of each lab is
// graded against its expected.json by shipped-labs.docker.test.ts.
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TIMEOUT = "20";
const LABS: Array<{ id: string; handIns?: string[] }> = [{ id: "docker-volumes-networks" }, { id: "docker-compose", handIns: ["reference", "worker-crashes"] }];
type Verdicts = Record<string, string>;
const verdicts = (steps: ReadonlyArray<{ id: string; status: string; points: number }>): Verdicts => Object.fromEntries(steps.map((s) => [s.id, `${s.status} ${s.points}`]));
const table: string[] = [];

let work: string;
let wheels: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "labgrade-labs-agree-"));
  wheels = await testWheelCache();
});

afterAll(async () => {
  console.log(table.join("\n"));
  await rm(work, { recursive: true, force: true });
});

describe.each(LABS)("every way of grading $id gives the same verdicts", async ({ id, handIns }) => {
  const lab = await loadLab(id);
  const cases = labHandIns(lab).filter((h) => !handIns || handIns.includes(h.name));
  const startsServices = (step: string) => ["compose_up", "http"].includes(lab.steps.find((s) => s.id === step)?.expect ?? "");
  const notHere = (v: Verdicts): Verdicts => Object.fromEntries(Object.entries(v).map(([step, verdict]) => [step, startsServices(step) ? "skipped 0" : verdict]));
  const hand = () => path.join(work, id);
  let bulk: Map<string, ClassRow>;

  beforeAll(async () => {
    for (const c of cases) {
      const dir = path.join(hand(), c.name);
      await cp(c.dir, dir, { recursive: true, filter: (src) => path.basename(src) !== "expected.json" });
      if (c.evidenceFile) await cp(c.evidenceFile, path.join(dir, "evidence.json"));
    }
    const out = path.join(work, `${id}-bulk`);
    const ran = await runCli(["bulk", hand(), "--lab", id, "--out", out, "--concurrency", "2", "--timeout", TIMEOUT]);
    expect(ran.exitCode, ran.stderr).toBe(0);
    const rows = (await readFile(path.join(out, "journal.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as ClassRow);
    expect(rows.every((r) => r.lab?.id === id && r.lab.digest === lab.digest), "every journal row names the lab and its digest").toBe(true);
    bulk = new Map(rows.map((r) => [r.student, r]));
  });

  for (const c of cases) {
    it(c.name, async () => {
      const dir = path.join(hand(), c.name);
      const out = (mode: string) => path.join(work, "out", id, c.name, mode);
      const byGrade = await graded(["grade", dir, "--lab", id, "--evidence", path.join(dir, "evidence.json"), "--out", out("grade"), "--timeout", TIMEOUT], out("grade"));
      expect(Object.fromEntries(Object.entries(byGrade).map(([step, v]) => [step, v.split(" ")[0]])), "grade against expected.json").toEqual(c.steps);
      const modes: Record<string, Verdicts> = { grade: byGrade };
      modes.bulk = verdicts(bulk.get(c.name)!.steps);
      modes.suites = await throughSuites(lab, dir, out("suites"));
      modes["grade --no-engine"] = await graded(["grade", dir, "--lab", id, "--no-engine", "--out", out("no-engine"), "--timeout", TIMEOUT], out("no-engine"), { LABGRADE_WHEELS: wheels });
      modes.gradescope = await throughGradescope(lab, dir, path.join(work, "autograder", id, c.name));
      if (c.name === "reference") {
        modes["live: grade"] = await graded(["grade", dir, "--lab", id, "--evidence", "live", "--out", out("live"), "--timeout", TIMEOUT], out("live"));
        const watched = await runCli(["watch", dir, "--lab", id, "--once", "--json-lines", "--timeout", TIMEOUT], { LABGRADE_CACHE_DIR: path.join(work, "watch-cache") });
        expect(watched.exitCode, watched.stderr).toBe(0);
        const line = JSON.parse(watched.stdout.trim().split("\n").at(-1)!) as { steps: Record<string, { status: string; points: number; message: string }> };
        modes["watch --once"] = verdicts(Object.entries(line.steps).map(([step, s]) => ({ id: step, ...s })));
        expect(modes["watch --once"], `watch --once against live grade: ${JSON.stringify(line.steps)}`).toEqual(modes["live: grade"]);
      }
      for (const mode of ["bulk", "suites"]) expect(modes[mode], mode).toEqual(byGrade);
      for (const mode of ["grade --no-engine", "gradescope"]) expect(modes[mode], mode).toEqual(notHere(byGrade));
      for (const step of lab.steps) expect((await runCli(["passed", step.id, "--results", path.join(out("grade"), "results.json")])).exitCode, `passed ${step.id}`).toBe(c.steps[step.id] === "passed" ? 0 : 1);
      table.push(`| ${id} | ${c.name} | ${Object.keys(modes).map((m) => `${m}: ${Object.values(modes[m]!).filter((v) => v.startsWith("passed")).length}/${lab.steps.length}`).join(" · ")} |`);
    });
  }
});

async function graded(args: string[], outDir: string, env: NodeJS.ProcessEnv = {}): Promise<Verdicts> {
  const ran = await runCli(args, env);
  expect(ran.exitCode, ran.stderr).toBe(0);
  return fromResults(await readFile(path.join(outDir, "results.json"), "utf8"));
}

function fromResults(text: string): Verdicts {
  const tests = (JSON.parse(text) as { tests: Array<{ score: number; extra_data: { step: string; status: string } }> }).tests;
  return Object.fromEntries(tests.map((t) => [t.extra_data.step, `${t.extra_data.status} ${t.score}`]));
}

// `LAB=<id> npm test`'s grading: the suites' globalSetup, with the student's folder.
async function throughSuites(lab: Lab, dir: string, outDir: string): Promise<Verdicts> {
  const report = await gradeThroughSuites({ LAB: lab.id, LAB_SUBMISSION: dir, LAB_REPORTS: outDir, LAB_TIMEOUT: TIMEOUT });
  expect(report?.lab?.id).toBe(lab.id);
  return verdicts(report!.steps);
}

// Gradescope's own entry point in a stand-in /autograder, with the lab shipped beside labgrade as the zip ships it.
async function throughGradescope(lab: Lab, dir: string, root: string): Promise<Verdicts> {
  const ran = await runAutograder({ checkout: ROOT, wheels, root, handIn: dir, labDir: labFolder(lab), env: ["LABGRADE_VISIBILITY=visible", `LABGRADE_TIMEOUT=${TIMEOUT}`, "LABGRADE_MEMORY=512", "LABGRADE_LAB_DIR=labgrade-lab"] });
  expect(ran.exitCode, ran.output).toBe(0);
  return fromResults(ran.results!);
}
