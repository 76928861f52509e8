import { describe, expect, it } from "vitest";
import { parseRoster } from "./roster.ts";

const FILE = "/courses/docker/roster.csv";

describe("the live roster", () => {
  it("reads the required columns in any order and case, with the optional ones defaulted", () => {
    const { entries, notes } = parseRoster("\uFEFFHost,Student,Name,Email\nlab1.example.edu,1001,Ann Aardvark,ann@example.edu\n\n10.0.0.7,1002,,bob@example.edu\n", FILE);
    expect(entries).toEqual([
      { student: "1001", name: "Ann Aardvark", host: "lab1.example.edu", user: undefined, port: 22, identity: undefined, folder: undefined },
      { student: "1002", name: "", host: "10.0.0.7", user: undefined, port: 22, identity: undefined, folder: undefined },
    ]);
    expect(notes).toEqual(["the roster's columns email are not used"]);
  });

  it("reads user, port, an identity beside the roster and the folder on the student's machine", () => {
    const { entries } = parseRoster('student,name,host,user,port,identity,folder\n1003,"Chen, Carol",127.0.0.1,carol,2222,keys/grader,~/docker-lab\n', FILE);
    expect(entries).toEqual([{ student: "1003", name: "Chen, Carol", host: "127.0.0.1", user: "carol", port: 2222, identity: "/courses/docker/keys/grader", folder: "~/docker-lab" }]);
  });

  it("refuses a roster it cannot use, naming the line and what it expected", () => {
    const cases: Array<[string, RegExp]> = [
      ["student,host\n1,h\n", /first row has student,host; expected the columns student,name,host/],
      ["student,name,host\n1,A,\n", /line 2 \(1\) has no host/],
      ["student,name,host\n,A,h\n", /line 2 has no student id/],
      ["student,name,host\n1,A,ann@lab1\n", /host "ann@lab1"; expected a host name or address alone/],
      ["student,name,host,port\n1,A,h,22\n1,A,h,2222\n", /line 3 names student 1 again \(first on line 2\)/],
      ["student,name,host,port\n1,A,h,70000\n", /port "70000"; expected a whole number from 1 to 65535/],
      ["student,name,host\n", /a header row and no students/],
      ['student,name,host\n1,"A,h\n', /not CSV labgrade can read/],
    ];
    for (const [text, expected] of cases) expect(() => parseRoster(text, FILE), text).toThrow(expected);
  });
});
