import { describe, expect, it } from "vitest";
import type { TopEntry } from "./hand-in.ts";
import { recogniseEntries } from "./recognise-entries.ts";

const file = (path: string): TopEntry => ({ path, dir: false });
const dir = (path: string): TopEntry => ({ path, dir: true });

describe("recogniseEntries", () => {
  it("reads each entry by its own pattern in a mixed listing", () => {
    const matches = recogniseEntries(
      [file("doejohn_LATE_12345_67891_Dockerfile"), dir("Jane Smith_77_assignsubmission_file_"), file("alice.zip"), dir("bob")],
      null,
    );
    expect(matches).toEqual([
      { entry: "doejohn_LATE_12345_67891_Dockerfile", lms: "canvas", student: "12345", name: "doejohn", late: true, groupKey: "canvas:12345",
        identity: { lms: "canvas", userId: "12345", anonymousId: null, attachmentId: "67891", prefix: "doejohn" } },
      { entry: "Jane Smith_77_assignsubmission_file_", lms: "moodle", student: "77", name: "Jane Smith", late: false, groupKey: "moodle:77",
        identity: { lms: "moodle", participantId: "77", fullName: "Jane Smith" } },
      { entry: "alice.zip", lms: "plain", student: "alice", name: "", late: false, groupKey: null },
      { entry: "bob", lms: "plain", student: "bob", name: "", late: false, groupKey: null },
    ]);
  });
  it("never reads a folder as Canvas, which writes files only", () => {
    expect(recogniseEntries([dir("lab_2_3_final")], null)[0]).toMatchObject({ lms: "plain", student: "lab_2_3_final" });
  });
  it("keeps anonymous Canvas ids apart from user ids", () => {
    expect(recogniseEntries([file("anon_12345_1_app.py")], null)[0]?.groupKey).toBe("canvas:anon:12345");
  });
  it("reads submission_<id> folders as Gradescope only with the metadata", () => {
    const metadata = new Map([["submission_1", { student: "s1", name: "Ann" }]]);
    expect(recogniseEntries([dir("submission_1"), dir("submission_2")], metadata)).toMatchObject([
      { lms: "gradescope", student: "s1", name: "Ann" },
      { lms: "gradescope", student: "submission_2", name: "" },
    ]);
    expect(recogniseEntries([dir("submission_1")], null)[0]).toMatchObject({ lms: "plain", student: "submission_1" });
  });
  it("reads a classroom clone as logins after the shared prefix", () => {
    expect(recogniseEntries([dir("docker-lab-alice"), dir("docker-lab-bob-smith")], null)).toMatchObject([
      { lms: "classroom", student: "alice" },
      { lms: "classroom", student: "bob-smith" },
    ]);
  });
  it("decides the classroom prefix over the folders no LMS claimed", () => {
    const matches = recogniseEntries([dir("lab-alice"), dir("lab-bob"), dir("Jane_7_assignsubmission_file_"), file("lab-notes.txt")], null);
    expect(matches.map((m) => [m.lms, m.student])).toEqual([
      ["classroom", "alice"],
      ["classroom", "bob"],
      ["moodle", "7"],
      ["plain", "lab-notes.txt"],
    ]);
  });
  it("reads entries inside a wrapper folder by their own name", () => {
    expect(recogniseEntries([file("export/doejohn_12345_67890_app.py")], null)[0]).toMatchObject({ entry: "export/doejohn_12345_67890_app.py", lms: "canvas", student: "12345" });
  });
});
