import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HarnessError } from "../errors.ts";
import { canvasExportZip, classroomCloneFolder, gradescopeExportZip, moodleExportFolder } from "../../testing/intake/class-exports.ts";
import { tempRoot, writeTree, zipBytes } from "../../testing/intake/intake-fixtures.ts";
import { listClass } from "./list-class.ts";

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ root, cleanup } = await tempRoot()));
afterEach(() => cleanup());

describe("listClass", () => {
  it("lists a Canvas export zip: one hand-in per user id, LATE on any file recorded", async () => {
    const listing = await listClass(await canvasExportZip(root));
    expect(listing).toEqual({
      kind: "zip",
      submissions: [
        { student: "12345", name: "doejohn", late: false, entries: ["doejohn_12345_67890_app.py", "doejohn_12345_67891_Dockerfile"], lms: "canvas", identity: { lms: "canvas", userId: "12345", anonymousId: null, attachmentId: "67890", prefix: "doejohn" } },
        { student: "2222", name: "smithjane", late: true, entries: ["smithjane_2222_3334_Dockerfile", "smithjane_LATE_2222_3333_app-1.py"], lms: "canvas", identity: { lms: "canvas", userId: "2222", anonymousId: null, attachmentId: "3334", prefix: "smithjane" } },
        { student: "4242", name: "núñezjosé", late: false, entries: ["núñezjosé_4242_5151_lab.zip"], lms: "canvas", identity: { lms: "canvas", userId: "4242", anonymousId: null, attachmentId: "5151", prefix: "núñezjosé" } },
      ],
      ignored: [".DS_Store"],
      notes: [],
    });
  });

  it("lists a Moodle folder export: a participant's folders are one hand-in, blind marking has no name", async () => {
    const listing = await listClass(await moodleExportFolder(root));
    expect(listing.kind).toBe("folder");
    expect(listing.submissions).toEqual([
      { student: "77", name: "Jane Smith", late: false, entries: ["Jane Smith_77_assignsubmission_file_", "Jane Smith_77_assignsubmission_onlinetext_"], lms: "moodle", identity: { lms: "moodle", participantId: "77", fullName: "Jane Smith" } },
      { student: "88", name: "José María_O'Neil-Smith", late: false, entries: ["José María_O'Neil-Smith_88_assignsubmission_file_"], lms: "moodle", identity: { lms: "moodle", participantId: "88", fullName: "José María_O'Neil-Smith" } },
      { student: "91", name: "", late: false, entries: ["Participant_91_assignsubmission_file_Dockerfile", "Participant_91_assignsubmission_file_app.py"], lms: "moodle", identity: { lms: "moodle", participantId: "91", fullName: "" } },
    ]);
  });

  it("lists a Gradescope export inside its wrapper folder, students from the metadata", async () => {
    const listing = await listClass(await gradescopeExportZip(root));
    expect(listing.submissions).toEqual([
      { student: "20265555", name: "Ann Lee, Bo Chen", late: false, entries: ["assignment_77_export/submission_318001"], lms: "gradescope" },
      { student: "zoe@example.edu", name: "Zoë Ødegård", late: false, entries: ["assignment_77_export/submission_318002"], lms: "gradescope" },
    ]);
    expect(listing.ignored).toEqual(["assignment_77_export/submission_metadata.yml"]);
  });

  it("lists a GitHub Classroom clone by login", async () => {
    const listing = await listClass(await classroomCloneFolder(root));
    expect(listing.submissions.map((s) => [s.student, s.lms, s.entries])).toEqual([
      ["alice", "classroom", ["docker-lab-alice"]],
      ["bob-smith", "classroom", ["docker-lab-bob-smith"]],
    ]);
    expect(listing.ignored).toEqual([".DS_Store"]);
  });

  it("lists anything else by entry name, and keeps one student's own folder whole", async () => {
    const many = await writeTree(join(root, "plain"), { "alice.zip": "zip", "bob/app.py": "x", "__MACOSX/._bob": "junk", ".hidden": "" });
    const listing = await listClass(many);
    expect(listing.submissions.map((s) => [s.student, s.lms, s.entries])).toEqual([
      ["alice", "plain", ["alice.zip"]],
      ["bob", "plain", ["bob"]],
    ]);
    expect(listing.ignored).toEqual([".hidden", "__MACOSX"]);
    const lone = await writeTree(join(root, "lone"), { "carol/app.py": "x", "carol/Dockerfile": "y" });
    expect((await listClass(lone)).submissions.map((s) => s.student)).toEqual(["carol"]);
  });

  it("never merges two people who share an id, and says so", async () => {
    const exported = await writeTree(join(root, "dup"), { "doejohn_12345_67890_app.py": "x", "12345/app.py": "y", "12345.zip": "z" });
    const listing = await listClass(exported);
    expect(listing.submissions.map((s) => [s.student, s.entries])).toEqual([
      ["12345", ["doejohn_12345_67890_app.py"]],
      ["12345~2", ["12345"]],
      ["12345~3", ["12345.zip"]],
    ]);
    expect(listing.notes).toHaveLength(2);
    expect(listing.notes[0]).toContain('Graded that as "12345~2"');
  });

  it("lists an empty export as no submissions", async () => {
    await mkdir(join(root, "empty"));
    expect(await listClass(join(root, "empty"))).toEqual({ kind: "folder", submissions: [], ignored: [], notes: [] });
    await writeFile(join(root, "empty.zip"), await zipBytes({}));
    expect(await listClass(join(root, "empty.zip"))).toEqual({ kind: "zip", submissions: [], ignored: [], notes: [] });
  });

  it("knows a zip by its first bytes when its name has no .zip", async () => {
    await writeFile(join(root, "submissions"), await zipBytes({ "doejohn_12345_67890_app.py": "x" }));
    expect((await listClass(join(root, "submissions"))).submissions.map((s) => s.student)).toEqual(["12345"]);
  });

  it("refuses a path that is neither a folder nor a zip, saying expected, found and what to do", async () => {
    await writeFile(join(root, "grades.csv"), "a,b\n");
    const error = await listClass(join(root, "grades.csv")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HarnessError);
    expect(error).toMatchObject({ code: "BAD_INPUT", message: `Expected a folder or a .zip of class submissions at ${join(root, "grades.csv")}; found a file that is not a zip.` });
    expect((error as HarnessError).hint).toContain("labgrade bulk path/to/submissions.zip");
    await expect(listClass(join(root, "missing"))).rejects.toThrow(/found nothing there/);
  });

  it("refuses a damaged export zip as bad input", async () => {
    await writeFile(join(root, "broken.zip"), "PK\u0003\u0004 this is not really a zip");
    await expect(listClass(join(root, "broken.zip"))).rejects.toMatchObject({ code: "BAD_INPUT", message: expect.stringContaining("to be a readable zip of class submissions") });
  });
});
