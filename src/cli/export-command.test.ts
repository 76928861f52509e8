import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gradeClass } from "../bulk/grade-class.ts";
import { readConfig } from "../config.ts";
import { HarnessError } from "../errors.ts";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { writeTree } from "../../testing/intake/intake-fixtures.ts";
import { listClass } from "../intake/list-class.ts";
import { fixtureStudent, writeCanvasExport } from "../../testing/class-export.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { bulkCommand } from "./bulk-command.ts";
import { exportCommand } from "./export-command.ts";

let root: string;
const grade = async (exportPath: string, outDir: string) =>
  gradeClass({
    exportPath, listing: await listClass(exportPath), outDir, grader: fakeGrader({ build: async () => ({ ok: true, log: "", durationMs: 1 }) }, { run: async () => okRun() }),
    concurrency: 2, limits: DEFAULT_LIMITS, force: false, retries: 0, gradeTimeoutMs: 30_000, signal: new AbortController().signal,
  });
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof HarnessError ? `${error.code}: ${error.message}` : `not a HarnessError: ${String(error)}`));

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "export-command-"));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

describe("labgrade export", () => {
  it("writes Canvas's files from a class folder graded before", async () => {
    const zip = path.join(root, "canvas.zip");
    await writeCanvasExport(zip, [fixtureStudent("doejohn_12345_67890_lab.zip", "reference")]);
    const out = path.join(root, "canvas-out");
    await grade(zip, out);
    expect(await exportCommand("canvas", out, { assignment: { title: "Lab 1", id: "12345" } })).toBe(0);
    expect((await readFile(path.join(out, "canvas-grades.csv"), "utf8")).split("\r\n").slice(0, 3)).toEqual(["\uFEFFStudent,ID,SIS User ID,SIS Login ID,Section,Lab 1 (12345)", "Points Possible,,,,,100", "doejohn,12345,,,,100"]);
    expect((await stat(path.join(out, "canvas-feedback.zip"))).size).toBeGreaterThan(100);
    expect(await refusal(exportCommand("canvas", out, {}))).toMatch(/^BAD_INPUT: Expected --assignment naming the Canvas assignment/);
    expect(await refusal(exportCommand("moodle", out, {}))).toMatch(/^BAD_INPUT: Cannot write moodle-grades\.csv or moodle-feedback\.zip: Moodle's grading worksheet finds each student by "Participant <id>"/);
  });

  it("refuses a plain folder's class by the file it cannot write and the id its names lack", async () => {
    const plain = await writeTree(path.join(root, "plain"), { "alice/app.py": "print(1)\n", "bob/app.py": "print(2)\n" });
    const out = path.join(root, "plain-out");
    await grade(plain, out);
    expect(await refusal(exportCommand("canvas", out, { assignment: { title: "Lab 1", id: "1" } }))).toMatch(/^BAD_INPUT: Cannot write canvas-grades\.csv or canvas-feedback\.zip: .*no hand-in of this class carries one/);
    expect(await refusal(exportCommand("blackboard", out, {}))).toMatch(/^BAD_INPUT: Expected the LMS to be canvas or moodle/);
    expect(await refusal(exportCommand("canvas", path.join(root, "nowhere"), { assignment: { title: "x", id: "1" } }))).toMatch(/has no journal/);
  });

  it("bulk --canvas-assignment on a plain folder stops before grading anyone", async () => {
    const plain = await writeTree(path.join(root, "plain2"), { "alice/app.py": "print(1)\n" });
    const out = path.join(root, "plain2-out");
    const why = await refusal(bulkCommand(plain, { out, canvasAssignment: { title: "Lab 1", id: "1" } }, readConfig({}), {}, new AbortController().signal));
    expect(why).toMatch(/^BAD_INPUT: Cannot write canvas-grades\.csv/);
    expect(await stat(out).catch(() => null)).toBeNull();
  });
});
