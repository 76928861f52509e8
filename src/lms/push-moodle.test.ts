import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { pushCommand, type PushOptions } from "../cli/push-command.ts";
import { writeTree } from "../../testing/intake/intake-fixtures.ts";
import { captureOutput } from "../../testing/lms/capture-output.ts";
import { type FakeMoodle, type FakeMoodleOptions, startFakeMoodle } from "../../testing/lms/fake-moodle.ts";
import { gradeExport } from "../../testing/lms/graded-class.ts";
import { HANDOUT_FILES } from "../../testing/lab/lab-steps.ts";

const TOKEN = "0123456789abcdef0123456789abcdef";
let root: string;
let moodle: FakeMoodle;
afterEach(() => moodle?.close());
afterAll(() => rm(root, { recursive: true, force: true }));

// Moodle "Download all submissions" folders (mod/assign/classes/downloader.php): `<full name>_<participant id>_…`,
// or for a team assignment `<group name>_<group id>_…` and `Default group_…`. Every hand-in is the handout's app
// without evidence.json: each gets the same score, 40.
async function graded(name: string, folders: string[]): Promise<string> {
  const dir = await writeTree(path.join(root, name), Object.fromEntries(folders.flatMap((f) => Object.entries(HANDOUT_FILES).map(([file, text]) => [`${f}_assignsubmission_file/${file}`, text]))));
  const out = path.join(root, `${name}-out`);
  await gradeExport(dir, out);
  return out;
}

const start = async (options: Partial<FakeMoodleOptions> & Pick<FakeMoodleOptions, "participants">) => (moodle = await startFakeMoodle({ token: TOKEN, course: 3, assignment: { id: 41, cmid: 418, name: "Docker lab", grade: 100 }, ...options }));
const push = (out: string, extra: Partial<PushOptions> = {}) =>
  captureOutput(() => pushCommand("moodle", out, { url: moodle.url, course: "3", assignment: "418", ...extra }, { MOODLE_TOKEN: TOKEN }, new AbortController().signal, { sleep: async () => {} }));

beforeAll(async () => void (root = await mkdtemp(path.join(os.tmpdir(), "push-moodle-"))));

describe("labgrade push moodle", () => {
  it("finds each participant by full name, dry-runs, pushes grade, comment and report, and pushes nothing again", async () => {
    const out = await graded("class", ["Ann Lee_12", "Bo Wu_13", "Nobody Known_14"]);
    await start({ participants: [{ userId: 301, fullName: "Ann Lee" }, { userId: 302, fullName: "Bo Wu", grade: 40, modified: new Date("2020-01-01") }, { userId: 303, fullName: "Cy Diaz" }] });
    const dry = await push(out);
    expect(dry.stdout).toContain('Moodle: "Docker lab", grades out of 100 (the maximum grade of "Docker lab" in Moodle)');
    expect(dry.stdout).toMatch(/^12\s+Ann Lee\s+301\s+—\s+40\s+new\s+push$/m);
    expect(dry.stdout).toMatch(/^13\s+Bo Wu\s+302\s+40\s+40\s+0\s+already in Moodle$/m);
    expect(dry.stdout).toMatch(/^14\s+not pushed: no participant of the assignment is named "Nobody Known"$/m);
    expect(moodle.requests.some((r) => r.body.includes("mod_assign_save_grades"))).toBe(false);
    const { result } = await push(out, { yes: true });
    expect(result).toBe(0);
    expect(moodle.grade(301)).toMatchObject({ grade: 40, files: ["labgrade-report.html"] });
    expect(moodle.grade(301).comment).toMatch(/^Score: 40 \/ 100\.<br>\n/);
    const before = moodle.requests.length;
    const rerun = await push(out, { yes: true });
    expect(rerun.stdout).toContain("0 to push, 2 already in Moodle, 1 not pushed");
    expect(moodle.requests.slice(before).some((r) => r.body.includes("mod_assign_save_grades"))).toBe(false);
    // The token went in POST bodies only: never in an address, a printed line or a file labgrade wrote.
    expect(moodle.requests.every((r) => !r.line.includes(TOKEN))).toBe(true);
    const written = await Promise.all((await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), "latin1")));
    for (const text of [dry.stdout, dry.stderr, rerun.stdout, ...written]) expect(text).not.toContain(TOKEN);
  });

  it("leaves alone a grade changed in Moodle since labgrade graded it, unless --force", async () => {
    const out = await graded("changed", ["Ann Lee_12"]);
    await start({ participants: [{ userId: 301, fullName: "Ann Lee" }] });
    await push(out, { yes: true, force: true }); // Moodle lists no grade yet, only a warning: --force
    expect(moodle.grade(301).grade).toBe(40);
    moodle.gradeByHand(301, 35, new Date(Date.now() + 120_000));
    const { stdout } = await push(out, { yes: true });
    expect(stdout).toMatch(/^12\s+Ann Lee\s+301\s+35\s+40\s+\+5\s+changed in Moodle .*left alone \(--force replaces it\)$/m);
    expect(moodle.grade(301).grade).toBe(35);
    await push(out, { yes: true, force: true });
    expect(moodle.grade(301).grade).toBe(40);
  });

  it("gives a team's grade to each member of its group, found by the group id of the folder", async () => {
    const out = await graded("team", ["Red team_501", "Default group"]);
    await start({
      assignment: { id: 41, cmid: 418, name: "Docker lab", grade: 100, teams: true },
      participants: [{ userId: 301, fullName: "Ann Lee", group: { id: 501, name: "Red team" } }, { userId: 302, fullName: "Bo Wu", group: { id: 501, name: "Red team" } }, { userId: 303, fullName: "Cy Diaz", group: { id: 502, name: "Blue team" } }, { userId: 304, fullName: "Di Fox" }],
    });
    const { stdout } = await push(out, { yes: true });
    expect(stdout).toMatch(/^501\s+Ann Lee \(Red team\)\s+301/m);
    expect([301, 302, 303, 304].map((u) => moodle.grade(u).grade)).toEqual([40, 40, null, 40]);
    // Moodle's get_grades lists no team member's grade: the rerun goes by what the journal says it pushed.
    const before = moodle.requests.length;
    const rerun = await push(out, { yes: true });
    expect(rerun.stdout).toMatch(/^501\s+Ann Lee \(Red team\)\s+301\s+—\s+40\s+pushed by labgrade \S+ \S+ \(Moodle does not list it\)$/m);
    expect(rerun.stdout).toContain("0 to push, 3 already in Moodle.");
    expect(moodle.requests.slice(before).some((r) => r.body.includes("mod_assign_save_grades"))).toBe(false);
  });

  it("refuses the maximum when it is not the rubric's total, and scales to it with --scale", async () => {
    const out = await graded("max", ["Ann Lee_12"]);
    await start({ assignment: { id: 41, cmid: 418, name: "Docker lab", grade: 15 }, participants: [{ userId: 301, fullName: "Ann Lee" }] });
    await expect(push(out, { yes: true })).rejects.toThrow(/Expected Moodle's maximum for the assignment to be the rubric's total, 100 points; found 15/);
    await push(out, { yes: true, scale: true, force: true }); // Moodle lists no grade yet, only a warning: --force
    expect(moodle.grade(301).grade).toBe(6);
  });

  it("never reads get_grades' warnings as \"no grades\": shows them, and pushes nothing whose grade is unknown without --force", async () => {
    const out = await graded("warned", ["Ann Lee_12"]);
    await start({ participants: [{ userId: 301, fullName: "Ann Lee" }] });
    const dry = await push(out);
    expect(dry.stderr).toContain("Moodle's mod_assign_get_grades warned (3, assignment 41): No grades found. It listed no grades, so what Moodle holds is unknown: nothing is pushed without --force.");
    expect(dry.stdout).toMatch(/^12\s+Ann Lee\s+301\s+\?\s+40\s+not listed by Moodle, which answered with a warning instead of grades: left alone \(--force pushes it\)$/m);
    expect(dry.stdout).toContain("Dry run: 0 to push, 0 already in Moodle, 1 whose grade in Moodle is unknown (left alone; --force pushes them).");
    await push(out, { yes: true });
    expect(moodle.requests.some((r) => r.body.includes("mod_assign_save_grades"))).toBe(false);
    await push(out, { yes: true, force: true });
    expect(moodle.grade(301).grade).toBe(40);
  });

  it("reads the grades back after saving: a grade Moodle silently ignored (locked in the gradebook) is reported, not journalled", async () => {
    const out = await graded("locked", ["Ann Lee_12", "Bo Wu_13"]);
    await start({ participants: [{ userId: 301, fullName: "Ann Lee", locked: true }, { userId: 302, fullName: "Bo Wu" }, { userId: 303, fullName: "Cy Diaz", grade: 70, modified: new Date("2020-01-01") }] });
    const { result, stdout, stderr } = await push(out, { yes: true });
    expect(result).toBe(1);
    expect(stdout).toContain("Pushed 1; 1 not taken.");
    expect(stderr).toMatch(/^12: Ann Lee \(Moodle user 301\): Moodle did not keep the grade 40 \(it holds none after saving\)\. mod_assign_save_grades ignores without a word a grade above the assignment's maximum, and a grade locked or overridden in the gradebook/m);
    expect([moodle.grade(301).grade, moodle.grade(302).grade]).toEqual([null, 40]);
    const journal = (await readFile(path.join(out, "push-moodle.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { user: string; phase: string });
    expect(journal.filter((e) => e.phase === "done").map((e) => e.user)).toEqual(["302"]);
    expect(journal.filter((e) => e.phase === "sent").map((e) => e.user)).toEqual(["301", "302"]);
  });

  it("goes by list_participants' recordid when Moodle gives it: two participants of one name are each pushed their own grade", async () => {
    const out = await graded("recordid", ["Cy Diaz_12", "Cy Diaz_13"]);
    await start({ participants: [{ userId: 401, fullName: "Cy Diaz", recordId: 13 }, { userId: 402, fullName: "Cy Diaz", recordId: 12 }, { userId: 403, fullName: "Di Fox", recordId: 14, grade: 55, modified: new Date("2020-01-01") }] });
    const { stdout } = await push(out, { yes: true });
    expect(stdout).toMatch(/^12\s+Cy Diaz\s+402\s+—\s+40\s+new\s+push$/m);
    expect(stdout).toMatch(/^13\s+Cy Diaz\s+401\s+—\s+40\s+new\s+push$/m);
    expect([moodle.grade(401).grade, moodle.grade(402).grade]).toEqual([40, 40]);
  });

  it("says what Moodle answered when a function fails", async () => {
    const out = await graded("token", ["Ann Lee_12"]);
    await start({ participants: [{ userId: 301, fullName: "Ann Lee" }] });
    await expect(captureOutput(() => pushCommand("moodle", out, { url: moodle.url, course: "3", assignment: "418" }, { MOODLE_TOKEN: "wrong" }, new AbortController().signal))).rejects.toThrow(/Expected Moodle to list the assignments of course 3; mod_assign_get_assignments answered invalidtoken: Invalid token - token not found\./);
  });
});
