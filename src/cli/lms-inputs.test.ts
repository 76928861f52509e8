import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { gradeClass } from "../bulk/grade-class.ts";
import { readConfig } from "../config.ts";
import { HarnessError } from "../errors.ts";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { listClass } from "../intake/list-class.ts";
import { writeTree } from "../../testing/intake/intake-fixtures.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { moodleWorksheet } from "../../testing/lms/lms-exports.ts";
import { moodleWorksheetImport } from "../../testing/reports/lms-import-rules.ts";
import { bulkCommand } from "./bulk-command.ts";
import { canvasAssignment } from "./canvas-assignment-option.ts";
import { exportCommand } from "./export-command.ts";

let root: string;
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof HarnessError ? `${error.message}\n${error.hint}` : `not a HarnessError: ${String(error)}`));

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "lms-inputs-"));
  vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(root, { recursive: true, force: true });
});

// A Moodle team assignment's download: a folder per group (named `<group>_<group id>_…`) and one for the students in
// no group (mod/assign/classes/downloader.php).
const APP = { "app.py": "print(1)\n", Dockerfile: "FROM python\n" };
const teamExport = (dir: string) =>
  writeTree(dir, Object.fromEntries(["Red team_501", "Blue team_502", "Default group"].flatMap((folder) => Object.entries(APP).map(([f, c]) => [`${folder}_assignsubmission_file/${f}`, c]))));

describe("a Moodle team export from the command line", () => {
  it("bulk refuses it before grading anyone when no worksheet says who is in each group", async () => {
    const out = path.join(root, "team-out");
    const why = await refusal(bulkCommand(await teamExport(path.join(root, "team")), { out }, readConfig({}), {}, new AbortController().signal));
    expect(why).toMatch(/^Expected a Moodle export with one folder per participant; found "Default group_assignsubmission_file"/);
    expect(why).toMatch(/pass it with --moodle-worksheet/);
    expect(await stat(out).catch(() => null)).toBeNull();
  });

  it("export --moodle-worksheet writes a row for each member, and refuses the worksheet's maximum until --scale", async () => {
    const exportDir = await teamExport(path.join(root, "team2"));
    const out = path.join(root, "team2-out");
    await gradeClass({
      exportPath: exportDir, listing: await listClass(exportDir), outDir: out, grader: fakeGrader({ build: async () => ({ ok: true, log: "", durationMs: 1 }) }, { run: async () => okRun() }),
      concurrency: 2, limits: DEFAULT_LIMITS, force: false, retries: 0, gradeTimeoutMs: 30_000, signal: new AbortController().signal,
    });
    const worksheet = path.join(root, "worksheet.csv");
    const people = [{ id: 11, name: "Ann Lee", group: "Red team" }, { id: 12, name: "Bo Wu", group: "Red team" }, { id: 13, name: "Cy Diaz", group: "Blue team" }, { id: 14, name: "Di Fox" }];
    await writeFile(worksheet, moodleWorksheet(people, { max: "10.00" }));
    expect(await refusal(exportCommand("moodle", out, { moodleWorksheet: worksheet }))).toMatch(/^Expected Moodle's maximum for the assignment to be the rubric's total, 100 points; found 10 \(the Maximum Grade of .*worksheet\.csv\)\.[^]*pass --scale/);
    expect(await exportCommand("moodle", out, { moodleWorksheet: worksheet, scale: true })).toBe(0);
    const imported = moodleWorksheetImport(await readFile(path.join(out, "moodle-grades.csv"), "utf8"));
    expect(imported.map((r) => r.participant).sort()).toEqual(["11", "12", "13", "14"]);
    expect(imported.every((r) => r.grade !== null && r.grade <= 10)).toBe(true);
    expect(new Set(imported.filter((r) => ["11", "12"].includes(r.participant)).map((r) => r.grade)).size).toBe(1);
  });
});

describe("--canvas-assignment", () => {
  it("refuses a title Canvas's gradebook import drops, with the reason and what to do", () => {
    expect(() => canvasAssignment("Final Grades Lab (12345)")).toThrow(/Canvas's gradebook import drops every column whose header contains "Final Grade".*Rename the assignment in Canvas \(its id stays 12345\), or push the grades with `labgrade push canvas`/);
    expect(() => canvasAssignment("Lab: Unposted Current Score check (7)")).toThrow(/contains "Current Score"/);
    expect(canvasAssignment("Lab 1: final grading (12345)")).toEqual({ title: "Lab 1: final grading", id: "12345" });
  });
});

describe("bulk's LMS flags", () => {
  it("refuses the gradebook or group set without the Canvas assignment they check", async () => {
    const dir = await writeTree(path.join(root, "plain3"), { "alice/app.py": "print(1)\n" });
    const groups = path.join(root, "groups.csv");
    await writeFile(groups, "name,canvas_user_id,user_id,login_id,sections,group_name,canvas_group_id,group_id\nAnn,1,,,,T,5,\n");
    expect(await refusal(bulkCommand(dir, { out: path.join(root, "p3-out"), canvasGroups: groups }, readConfig({}), {}, new AbortController().signal))).toMatch(/^Expected --canvas-assignment beside --canvas-gradebook or --canvas-groups/);
  });
});
