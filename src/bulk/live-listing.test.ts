import { describe, expect, it } from "vitest";
import type { ClassListing } from "../intake/hand-in.ts";
import { liveListing } from "./live-listing.ts";
import type { RosterEntry } from "./roster.ts";

const entry = (student: string, name: string, folder?: string): RosterEntry => ({ student, name, host: `lab-${student}`, user: undefined, port: 22, identity: undefined, folder });
const EXPORT: ClassListing = {
  kind: "zip",
  submissions: [
    { student: "1001", name: "aardvarkann", late: true, entries: ["aardvarkann_LATE_1001_5001_lab.zip"], lms: "canvas" },
    { student: "1009", name: "zhouzoe", late: false, entries: ["zhouzoe_1009_5009_lab.zip"], lms: "canvas" },
  ],
  ignored: [".DS_Store"],
  notes: [],
};

describe("the class bulk --live grades", () => {
  it("takes each roster student's hand-in from the export, keeps the export's other students, and says so", () => {
    const listing = liveListing([entry("1002", "Bob Brown", "~/lab"), entry("1001", "Ann Aardvark"), entry("1003", "Carol Chen")], EXPORT);
    expect(listing.submissions).toEqual([
      { student: "1001", name: "Ann Aardvark", late: true, entries: ["aardvarkann_LATE_1001_5001_lab.zip"], lms: "canvas" },
      { student: "1002", name: "Bob Brown", late: false, entries: [], lms: "plain" },
      { student: "1003", name: "Carol Chen", late: false, entries: [], lms: "plain" },
      EXPORT.submissions[1],
    ]);
    expect(listing.kind).toBe("zip");
    expect(listing.notes).toEqual([
      "1 students in the export are not on the roster (1009): graded from the evidence.json they handed in, as without --live",
      "1 roster students have no hand-in in the export and no folder column (1003): their engine is graded, and the app steps find no app",
    ]);
  });

  it("grades the roster alone when there is no export", () => {
    const listing = liveListing([entry("b", "B", "lab"), entry("a", "A", "lab")], null);
    expect(listing.submissions.map((s) => s.student)).toEqual(["a", "b"]);
    expect(listing.notes).toEqual([]);
  });
});
