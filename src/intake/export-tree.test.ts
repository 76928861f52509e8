import { describe, expect, it } from "vitest";
import { pathBelow } from "./entry-path.ts";
import { zipChildren } from "./export-tree.ts";

const ENTRIES = [
  { name: "alice/", dir: true },
  { name: "alice/app.py", dir: false },
  { name: "bob/src/app.py", dir: false }, // no folder entries written for bob
  { name: "doejohn_12345_67890_app.py", dir: false },
  { name: "./carol.zip", dir: false },
  { name: "__MACOSX/._alice", dir: false },
  { name: "empty/", dir: true },
];

describe("zipChildren", () => {
  it("groups zip entries by their first segment, a folder being anything with something below it", () => {
    expect(zipChildren(ENTRIES, "")).toEqual([
      { path: "__MACOSX", dir: true },
      { path: "alice", dir: true },
      { path: "bob", dir: true },
      { path: "carol.zip", dir: false },
      { path: "doejohn_12345_67890_app.py", dir: false },
      { path: "empty", dir: true },
    ]);
  });
  it("lists inside a folder", () => {
    expect(zipChildren(ENTRIES, "bob")).toEqual([{ path: "bob/src", dir: true }]);
    expect(zipChildren(ENTRIES, "alice")).toEqual([{ path: "alice/app.py", dir: false }]);
  });
});

describe("pathBelow", () => {
  it("gives the path inside an entry, '' for the entry itself, null elsewhere", () => {
    expect(pathBelow("alice", "alice/src/app.py")).toBe("src/app.py");
    expect(pathBelow("alice", "./alice//app.py")).toBe("app.py");
    expect(pathBelow("alice", "alice/")).toBe("");
    expect(pathBelow("doejohn_12345_67890_app.py", "doejohn_12345_67890_app.py")).toBe("");
    expect(pathBelow("alice", "alice2/app.py")).toBeNull();
    expect(pathBelow("wrap/alice", "wrap/alice/Dockerfile")).toBe("Dockerfile");
  });
});
