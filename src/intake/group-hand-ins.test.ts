import { describe, expect, it } from "vitest";
import { groupHandIns } from "./group-hand-ins.ts";
import type { EntryMatch } from "./hand-in.ts";

const canvas = (entry: string, student: string, late = false): EntryMatch => ({ entry, lms: "canvas", student, name: "doejohn", late, groupKey: `canvas:${student}` });
const plain = (entry: string, student: string): EntryMatch => ({ entry, lms: "plain", student, name: "", late: false, groupKey: null });

describe("groupHandIns", () => {
  it("makes one hand-in of a student's flat files, late when any file is", () => {
    const { submissions, notes } = groupHandIns([canvas("doejohn_12345_67890_app.py", "12345"), canvas("doejohn_LATE_12345_67891_Dockerfile", "12345", true)]);
    expect(submissions).toEqual([
      { student: "12345", name: "doejohn", late: true, entries: ["doejohn_12345_67890_app.py", "doejohn_LATE_12345_67891_Dockerfile"], lms: "canvas" },
    ]);
    expect(notes).toEqual([]);
  });
  it("merges a Moodle participant's folders", () => {
    const part = (entry: string): EntryMatch => ({ entry, lms: "moodle", student: "77", name: "Jane Smith", late: false, groupKey: "moodle:77" });
    const { submissions } = groupHandIns([part("Jane Smith_77_assignsubmission_onlinetext_"), part("Jane Smith_77_assignsubmission_file_")]);
    expect(submissions).toHaveLength(1);
    expect(submissions[0]?.entries).toEqual(["Jane Smith_77_assignsubmission_file_", "Jane Smith_77_assignsubmission_onlinetext_"]);
  });
  it("never merges two people who share an id: the later is <id>~2, and a note says so", () => {
    const { submissions, notes } = groupHandIns([plain("12345.zip", "12345"), canvas("doejohn_12345_67890_app.py", "12345"), plain("12345", "12345")]);
    expect(submissions.map((s) => [s.student, s.entries[0]])).toEqual([
      ["12345", "doejohn_12345_67890_app.py"],
      ["12345~2", "12345"],
      ["12345~3", "12345.zip"],
    ]);
    expect(notes).toEqual([
      'Expected each student id once; "12345" is also the id of 12345. Graded that as "12345~2": check whose it is before releasing grades.',
      'Expected each student id once; "12345" is also the id of 12345.zip. Graded that as "12345~3": check whose it is before releasing grades.',
    ]);
  });
  it("never hands out a suffixed id another student already has", () => {
    const { submissions } = groupHandIns([plain("a", "x"), plain("b", "x"), plain("c", "x~2")]);
    expect(submissions.map((s) => s.student)).toEqual(["x", "x~2", "x~3"]);
    expect(submissions.find((s) => s.student === "x~2")?.entries).toEqual(["c"]);
  });
  it("sorts by student id, the same on every machine", () => {
    const { submissions } = groupHandIns([plain("b", "bob"), plain("Z", "Zoë"), plain("a", "alice")]);
    expect(submissions.map((s) => s.student)).toEqual(["Zoë", "alice", "bob"]);
  });
});
