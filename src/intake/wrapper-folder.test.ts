import { describe, expect, it } from "vitest";
import { isWrapperFolder } from "./wrapper-folder.ts";

describe("isWrapperFolder", () => {
  it("opens a folder that holds the Gradescope metadata", () => {
    expect(isWrapperFolder([{ path: "assignment_9_export/submission_1", dir: true }, { path: "assignment_9_export/submission_metadata.yml", dir: false }])).toBe(true);
  });
  it("opens a folder that mostly holds Canvas or Moodle entries", () => {
    expect(isWrapperFolder([{ path: "subs/doejohn_12345_67890_app.py", dir: false }, { path: "subs/readme.txt", dir: false }])).toBe(true);
    expect(isWrapperFolder([{ path: "subs/Jane Smith_77_assignsubmission_file_", dir: true }, { path: "subs/.DS_Store", dir: false }])).toBe(true);
  });
  it("keeps a lone student's own folder as their hand-in", () => {
    expect(isWrapperFolder([{ path: "alice/app.py", dir: false }, { path: "alice/Dockerfile", dir: false }])).toBe(false);
    expect(isWrapperFolder([{ path: "alice/a_1_2_x.py", dir: false }, { path: "alice/app.py", dir: false }, { path: "alice/Dockerfile", dir: false }])).toBe(false);
    expect(isWrapperFolder([])).toBe(false);
  });
});
