import { describe, expect, it } from "vitest";
import { parseRequireEvidence, parseWindow } from "./trust-options.ts";

describe("--window and --require-evidence", () => {
  it("reads two dates, the last one to the end of its day", () => {
    expect(parseWindow("2026-09-01..2026-09-14")).toEqual({ start: new Date("2026-09-01T00:00:00Z"), end: new Date("2026-09-14T23:59:59.999Z") });
    expect(parseWindow("2026-09-01T08:00Z..2026-09-14T10:00+02:00").end).toEqual(new Date("2026-09-14T08:00:00Z"));
  });
  it("says what it expected", () => {
    expect(() => parseWindow("2026-09-01")).toThrow(/Expected --window START\.\.END/);
    expect(() => parseWindow("2026-09-14..2026-09-01")).toThrow(/start before it ends/);
    expect(() => parseWindow("yesterday..today")).toThrow(/two ISO dates/);
    expect(() => parseRequireEvidence("3")).toThrow(/1 or 2/);
    expect(parseRequireEvidence("2")).toBe(2);
  });
});
