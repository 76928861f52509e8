import { describe, expect, it } from "vitest";
import { canvasFileName, moodleFileName, moodleGroupFileName } from "./lms-file-names.ts";

describe("names as the LMS's download writes them", () => {
  it("Moodle: `_` becomes a space and PARAM_FILE's characters go, so a worksheet name meets its folder's", () => {
    expect(moodleFileName("José María_O'Neil-Smith")).toBe("José María ONeil-Smith");
    expect(moodleFileName("Team: A/B \"1\"")).toBe("Team AB 1");
    expect(moodleFileName(moodleFileName("Zoë_学生"))).toBe("Zoë 学生");
  });

  it("Moodle: a group's name is escaped as format_string() does before it is cleaned, so \"R&D\" meets its folder \"Ramp;D\"", () => {
    expect(moodleGroupFileName("R&D")).toBe("Ramp;D");
    expect(moodleGroupFileName("<b>Blue</b> team")).toBe("lt;bgt;Bluelt;bgt; team");
    expect(moodleGroupFileName("A > B")).toBe("A gt; B");
    expect(moodleGroupFileName("Tom &amp; Jerry")).toBe("Tom amp; Jerry"); // an entity is left as it is
    // The folder's name, already cleaned, stays the same; a person's name is never formatted.
    expect(moodleGroupFileName(moodleGroupFileName("R&D_1"))).toBe("Ramp;D 1");
    expect(moodleFileName("Ann & Bo")).toBe("Ann  Bo");
  });

  it("Canvas: lower case, only word characters, `_<digits>_` joined so the ids stay the only all-digit parts", () => {
    expect(canvasFileName("Doe, Jane")).toBe("doejane");
    expect(canvasFileName("Team 1 (Mon)")).toBe("team1mon");
    expect(canvasFileName("Núñez, José")).toBe("núñezjosé");
    expect(canvasFileName("lab_2024_group")).toBe("lab2024group");
  });
});
