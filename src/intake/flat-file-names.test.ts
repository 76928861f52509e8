import { describe, expect, it } from "vitest";
import { flatFileNames } from "./flat-file-names.ts";

describe("flatFileNames", () => {
  it("strips the Canvas prefix and a re-upload counter nothing else claims", () => {
    const names = flatFileNames("canvas", ["doejohn_12345_67890_app-1.py", "doejohn_LATE_12345_67891_Dockerfile-2", "doejohn_12345_67892_notes.txt"]);
    expect([...names.values()]).toEqual(["app.py", "Dockerfile", "notes.txt"]);
  });
  it("keeps a counter when the original name is there", () => {
    const names = flatFileNames("canvas", ["doejohn_12345_1_app.py", "doejohn_12345_2_app-1.py"]);
    expect([...names.values()]).toEqual(["app.py", "app-1.py"]);
  });
  it("strips the Moodle prefix, and keeps the path inside a wrapper folder as the key", () => {
    const names = flatFileNames("moodle", ["export/Jane Smith_77_assignsubmission_file_app-1.py"]);
    expect(names).toEqual(new Map([["export/Jane Smith_77_assignsubmission_file_app-1.py", "app-1.py"]]));
  });
  it("keeps the export name when two files claim one name or the name is not one safe segment", () => {
    const names = flatFileNames("canvas", ["doejohn_12345_1_app.py", "doejohn_12345_2_app.py", "doejohn_12345_3_..", "doejohn_12345_4_a\\b"]);
    expect([...names.values()]).toEqual(["app.py", "doejohn_12345_2_app.py", "doejohn_12345_3_..", "doejohn_12345_4_a\\b"]);
  });
  it("leaves plain names alone", () => {
    expect([...flatFileNames("plain", ["app-1.py"]).values()]).toEqual(["app-1.py"]);
  });
});
