import { describe, expect, it } from "vitest";
import { safeSegments, slashName } from "./entry-name.ts";

describe("safeSegments", () => {
  it.each([
    ["lab/app.py", ["lab", "app.py"]],
    ["lab/", ["lab"]],
    ["./lab//app.py", ["lab", "app.py"]],
    ["Zoë Ñuñez/app.py", ["Zoë Ñuñez", "app.py"]],
    ["..hidden/x", ["..hidden", "x"]],
    ["", []],
  ])("keeps %j inside as %j", (name, segments) => {
    expect(safeSegments(name)).toEqual({ ok: true, segments });
  });

  it.each([
    ["../evil.txt", 'climbs out of its folder with ".."'],
    ["lab/../../evil.txt", 'climbs out of its folder with ".."'],
    ["/etc/x", 'starts with "/" (an absolute path)'],
    ["//server/share/x", 'starts with "/" (an absolute path)'],
    ["C:/Windows/x", "starts with a drive letter (an absolute Windows path)"],
    ["c:evil", "starts with a drive letter (an absolute Windows path)"],
    ["lab/a\0b", "contains a NUL character"],
  ])("refuses %j: %s", (name, problem) => {
    expect(safeSegments(name)).toEqual({ ok: false, problem });
  });

  it("reads backslashes as separators, so ..\\..\\x climbs out", () => {
    expect(slashName("..\\..\\x")).toBe("../../x");
    expect(safeSegments(slashName("..\\..\\x"))).toMatchObject({ ok: false });
    expect(safeSegments(slashName("lab\\app.py"))).toEqual({ ok: true, segments: ["lab", "app.py"] });
  });
});
