import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { pushCommand, type PushOptions } from "../cli/push-command.ts";
import { fixtureStudent, handoutWithoutEvidence, writeCanvasExport } from "../../testing/class-export.ts";
import { captureOutput } from "../../testing/lms/capture-output.ts";
import { type FakeCanvas, startFakeCanvas } from "../../testing/lms/fake-canvas.ts";
import { gradeExport } from "../../testing/lms/graded-class.ts";

const TOKEN = "7~SeCrEtCanvasToken0123456789";
let root: string;
let out: string;
let canvas: FakeCanvas;

// Four students graded 100, 95, 90 and 40 (Canvas user ids 1001–1004). In Canvas before the push: 1002 has 50 from
// before labgrade graded, 1003 already has labgrade's 90, the others nothing.
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "push-canvas-"));
  const zip = path.join(root, "canvas.zip");
  await writeCanvasExport(zip, [fixtureStudent("leeann_1001_5001_lab.zip", "reference"), fixtureStudent("wubo_1002_5002_lab.zip", "no-pip-line"), fixtureStudent("diazcy_1003_5003_lab.zip", "curly-quotes", "never-started"), handoutWithoutEvidence("foxdi_1004")]);
  out = path.join(root, "class");
  await gradeExport(zip, out);
});
afterAll(() => rm(root, { recursive: true, force: true }));

beforeEach(async () => {
  await rm(path.join(out, "push-canvas.jsonl"), { force: true });
  canvas = await startFakeCanvas({
    token: TOKEN,
    course: 7,
    assignment: { id: 12345, name: "Lab 1", pointsPossible: 100 },
    students: [{ userId: 1001, name: "Lee, Ann" }, { userId: 1002, name: "Wu, Bo", score: 50, gradedAt: "2020-01-01T00:00:00Z" }, { userId: 1003, name: "Diaz, Cy", score: 90, gradedAt: "2020-01-01T00:00:00Z" }, { userId: 1004, name: "Fox, Di" }],
    perPage: 3,
  });
});
afterEach(() => canvas.close());

const push = (extra: Partial<PushOptions> = {}) =>
  captureOutput(() => pushCommand("canvas", out, { url: canvas.url, course: "7", assignment: "12345", batchSize: 2, ...extra }, { CANVAS_TOKEN: TOKEN }, new AbortController().signal, { sleep: async () => {} }));
const posts = () => canvas.requests.filter((r) => r.line.startsWith("POST"));

describe("labgrade push canvas", () => {
  it("shows a dry run first, reading Canvas and sending nothing", async () => {
    const { result, stdout } = await push();
    expect(result).toBe(0);
    expect(posts()).toEqual([]);
    expect(stdout).toContain('Canvas: "Lab 1", grades out of 100 (the points possible of "Lab 1" in Canvas)');
    const table = stdout.split("\n").filter((l) => /^100[1-4] /.test(l));
    expect(table.map((l) => l.split(/\s{2,}/))).toEqual([
      ["1001", "Lee, Ann", "1001", "—", "100", "new", "push"],
      ["1002", "Wu, Bo", "1002", "50", "95", "+45", "push (replaces a grade from before labgrade graded)"],
      ["1003", "Diaz, Cy", "1003", "90", "90", "0", "already in Canvas"],
      ["1004", "Fox, Di", "1004", "—", "40", "new", "push"],
    ]);
    expect(stdout).toContain("Dry run: 3 to push, 1 already in Canvas. Nothing was sent; run the same command with --yes to push.");
  });

  it("pushes with --yes: each grade, the feedback as the comment's text and the report attached under its own name", async () => {
    const { result, stdout } = await push({ yes: true });
    expect(result).toBe(0);
    expect(stdout).toContain("Pushed 3.");
    expect([1001, 1002, 1003, 1004].map((u) => canvas.submission(u).score)).toEqual([100, 95, 90, 40]);
    expect(canvas.comments(1001)).toEqual([{ text: expect.stringMatching(/^Score: 100 \/ 100\.\n[^]*Every step passed\.\nThe full report is attached to this grade as labgrade-report\.html\.$/), files: ["labgrade-report.html"], group: false }]);
    expect(canvas.comments(1003)).toEqual([]); // it had labgrade's grade already
    // Two batches (--batch-size 2), each a Progress polled to completion; the uploads before them.
    expect(posts().filter((r) => r.line.endsWith("/update_grades"))).toHaveLength(2);
    expect(posts().filter((r) => r.line.endsWith("/comments/files"))).toHaveLength(3);
  });

  it("pushes nothing on a rerun, and leaves alone a grade changed in Canvas since, unless --force", async () => {
    await push({ yes: true });
    const before = canvas.requests.length;
    const rerun = await push({ yes: true });
    expect(canvas.requests.slice(before).filter((r) => r.line.startsWith("POST"))).toEqual([]);
    expect(rerun.stdout).toContain("0 to push, 4 already in Canvas");
    canvas.gradeByHand(1004, 44, new Date(Date.now() + 60_000)); // a TA regraded Di after the push
    const left = await push({ yes: true });
    expect(left.stdout).toMatch(/1004\s+Fox, Di\s+1004\s+44\s+40\s+-4\s+changed in Canvas \S+ \S+, after labgrade graded it: left alone \(--force replaces it\)/);
    expect(canvas.submission(1004).score).toBe(44);
    const forced = await push({ yes: true, force: true });
    expect(forced.stdout).toMatch(/1004 .*changed in Canvas .*: replaced \(--force\)/);
    expect(canvas.submission(1004).score).toBe(40);
    expect(canvas.comments(1004)).toHaveLength(2); // the first push's and the forced one's: never one per rerun
  });

  it("with --yes, shows the table before sending anything, then the progress, then the outcome", async () => {
    const events: string[] = [];
    canvas.onRequest = (line) => void (line.startsWith("POST") && events.push(`sent ${line}`));
    const printed = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => (events.push(`stdout ${String(chunk)}`), true));
    const told = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (events.push(`stderr ${String(chunk)}`), true));
    try {
      await pushCommand("canvas", out, { url: canvas.url, course: "7", assignment: "12345", batchSize: 2, yes: true }, { CANVAS_TOKEN: TOKEN }, new AbortController().signal, { sleep: async () => {} });
    } finally {
      printed.mockRestore();
      told.mockRestore();
    }
    const at = (pattern: RegExp) => events.findIndex((e) => pattern.test(e));
    expect(at(/^stdout [^]*what happens[^]*3 to push, 1 already in Canvas\./)).toBeGreaterThanOrEqual(0);
    expect(at(/^stdout [^]*what happens/)).toBeLessThan(at(/^sent POST/));
    expect(at(/^sent POST .*update_grades/)).toBeLessThan(at(/^stderr Canvas took 2 of 3 grades/));
    expect(at(/^stderr Canvas took 3 of 3 grades/)).toBeLessThan(at(/^stdout Pushed 3\./));
    expect(events.filter((e) => /what happens/.test(e))).toHaveLength(1);
  });

  it("leaves an excused student alone, and a grade cleared in Canvas since labgrade graded, unless --force", async () => {
    canvas.excuseByHand(1002, new Date("2020-01-02T00:00:00Z")); // excused before labgrade graded: still the instructor's call
    await push({ yes: true, batchSize: 50 });
    canvas.gradeByHand(1004, null, new Date(Date.now() + 60_000)); // a TA cleared Di's grade after the push
    const { stdout } = await push({ yes: true });
    expect(stdout).toMatch(/^1002\s+Wu, Bo\s+1002\s+EX\s+95\s+excused in Canvas: left alone \(--force replaces the excuse with the grade\)$/m);
    expect(stdout).toMatch(/^1004\s+Fox, Di\s+1004\s+—\s+40\s+new\s+cleared in Canvas \S+ \S+, after labgrade graded it: left alone \(--force replaces it\)$/m);
    expect(stdout).toContain("0 to push, 2 already in Canvas, 1 changed in Canvas since labgrade graded (left alone; --force replaces them), 1 excused in Canvas (left alone; --force replaces them).");
    expect(canvas.submission(1002)).toMatchObject({ score: null, excused: true });
    expect(canvas.submission(1004).score).toBe(null);
    const forced = await push({ yes: true, force: true });
    expect(forced.stdout).toMatch(/^1002 .*excused in Canvas: replaced \(--force\)$/m);
    expect(canvas.submission(1002)).toMatchObject({ score: 95, excused: false });
    expect(canvas.submission(1004).score).toBe(40);
  });

  it("waits when Canvas throttles, and goes on", async () => {
    canvas.throttleNext(2);
    const { result, stderr } = await push({ yes: true });
    expect(result).toBe(0);
    expect(stderr).toMatch(/Canvas asked to slow down \(403\): waiting 1 s, then trying again/);
    expect(canvas.submission(1001).score).toBe(100);
  });

  it("never writes the token: not in the journal, the class folder, or what it prints", async () => {
    const { stdout, stderr } = await push({ yes: true });
    const written = await Promise.all((await readdir(out, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => readFile(path.join(e.parentPath, e.name), "latin1")));
    for (const text of [stdout, stderr, ...written]) expect(text).not.toContain(TOKEN);
    // It went to Canvas in the Authorization header only, never in a URL or a body, and not to the upload URL.
    expect(canvas.requests.every((r) => !r.line.includes(TOKEN) && !r.body.includes(TOKEN))).toBe(true);
    expect(canvas.requests.filter((r) => r.line.startsWith("POST /files_api")).every((r) => r.authorization === undefined)).toBe(true);
  });

  it("refuses Canvas's maximum when it is not the rubric's total, and scales to it with --scale", async () => {
    await canvas.close();
    canvas = await startFakeCanvas({ token: TOKEN, course: 7, assignment: { id: 12345, name: "Lab 1", pointsPossible: 15 }, students: [{ userId: 1001, name: "Lee, Ann" }, { userId: 1002, name: "Wu, Bo" }, { userId: 1003, name: "Diaz, Cy" }, { userId: 1004, name: "Fox, Di" }] });
    await expect(push({ yes: true })).rejects.toThrow(/Expected Canvas's maximum for the assignment to be the rubric's total, 100 points; found 15 \(the points possible of "Lab 1" in Canvas\)/);
    expect(posts()).toEqual([]);
    await push({ yes: true, scale: true });
    expect([1001, 1002, 1003, 1004].map((u) => canvas.submission(u).score)).toEqual([15, 14.25, 13.5, 6]);
  });

  it("refuses a token that is not set, saying where to get one", async () => {
    await expect(pushCommand("canvas", out, { url: canvas.url, course: "7", assignment: "12345" }, {}, new AbortController().signal)).rejects.toThrow(/Expected the Canvas token in the environment variable CANVAS_TOKEN; it is not set\./);
    await expect(pushCommand("canvas", out, { url: "http://canvas.example.edu", course: "7", assignment: "12345" }, { CANVAS_TOKEN: TOKEN }, new AbortController().signal)).rejects.toThrow(/Expected --url to be an https:\/\/ address; got http:\/\/canvas\.example\.edu/);
  });
});

describe("labgrade push canvas, a group assignment graded as one", () => {
  it("gives the group's hand-in's grade to every member, with one group comment", async () => {
    await canvas.close();
    // 1001 handed in for Team 1 (with 1005); 1002, 1003, 1004 are each in a group of their own.
    const team = (id: number, name: string) => ({ id, name });
    canvas = await startFakeCanvas({
      token: TOKEN,
      course: 7,
      assignment: { id: 12345, name: "Lab 1", pointsPossible: 100, gradeAsGroup: true },
      students: [{ userId: 1001, name: "Lee, Ann", group: team(51, "Team 1") }, { userId: 1005, name: "Ng, Al", group: team(51, "Team 1") }, { userId: 1002, name: "Wu, Bo", group: team(52, "Team 2") }, { userId: 1003, name: "Diaz, Cy", group: team(53, "Team 3") }, { userId: 1004, name: "Fox, Di", group: team(54, "Team 4") }],
    });
    const { stdout } = await push({ yes: true });
    expect(stdout).toMatch(/^1001\s+Ng, Al \(Team 1\)\s+1005\s+—\s+100\s+new\s+push$/m);
    expect(canvas.submission(1005).score).toBe(100);
    expect(canvas.comments(1005)).toEqual([expect.objectContaining({ group: true, files: ["labgrade-report.html"] })]);
  });

  // Canvas grades every member when one is graded (Assignment#grade_student): a member left alone holds the group.
  const team = (students: Parameters<typeof startFakeCanvas>[0]["students"]) => startFakeCanvas({ token: TOKEN, course: 7, assignment: { id: 12345, name: "Lab 1", pointsPossible: 100, gradeAsGroup: true }, students });
  const t1 = { id: 51, name: "Team 1" };

  it("leaves the whole group alone when one member's grade was changed in Canvas since labgrade graded, unless --force", async () => {
    await canvas.close();
    canvas = await team([{ userId: 1001, name: "Lee, Ann", group: t1 }, { userId: 1005, name: "Ng, Al", group: t1, score: 60, gradedAt: new Date(Date.now() + 60_000).toISOString() }]);
    const { stdout } = await push({ yes: true });
    expect(stdout).toMatch(/^1001\s+Lee, Ann \(Team 1\)\s+1001\s+—\s+100\s+new\s+left alone: Ng, Al of the same group is changed in Canvas, and Canvas grades the group as one \(--force pushes the group\)$/m);
    expect(stdout).toMatch(/^1001\s+Ng, Al \(Team 1\)\s+1005\s+60\s+100\s+\+40\s+changed in Canvas \S+ \S+, after labgrade graded it: left alone \(--force replaces it\)$/m);
    expect(stdout).toContain("1 left alone with their group (Canvas grades a group as one; --force pushes them)");
    expect(posts().filter((r) => r.line.endsWith("/update_grades"))).toEqual([]);
    expect([canvas.submission(1001).score, canvas.submission(1005).score]).toEqual([null, 60]);
    await push({ yes: true, force: true });
    expect([canvas.submission(1001).score, canvas.submission(1005).score]).toEqual([100, 100]);
  });

  it("leaves the whole group alone when one member is excused, unless --force", async () => {
    await canvas.close();
    canvas = await team([{ userId: 1001, name: "Lee, Ann", group: t1 }, { userId: 1005, name: "Ng, Al", group: t1, excused: true, gradedAt: "2020-01-01T00:00:00Z" }]);
    const { stdout } = await push({ yes: true });
    expect(stdout).toMatch(/^1001\s+Lee, Ann \(Team 1\)\s+1001\s+—\s+100\s+new\s+left alone: Ng, Al of the same group is excused in Canvas, and Canvas grades the group as one \(--force pushes the group\)$/m);
    expect(stdout).toMatch(/^1001\s+Ng, Al \(Team 1\)\s+1005\s+EX\s+100\s+excused in Canvas: left alone/m);
    expect(canvas.submission(1005)).toMatchObject({ excused: true });
    expect(canvas.submission(1001).score).toBe(null);
  });
});
