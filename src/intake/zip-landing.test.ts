import { describe, expect, it } from "vitest";
import { zipLanding } from "./zip-landing.ts";

const ENTRIES = ["doejohn_12345_1_app-1.py", "doejohn_12345_2_lab.zip", "doejohn folder"];
const NAMES = new Map([
  ["doejohn_12345_1_app-1.py", "app.py"],
  ["doejohn_12345_2_lab.zip", "lab.zip"],
  ["doejohn folder", "doejohn folder"],
]);

describe("zipLanding", () => {
  it("puts a flat file under the student's name for it, and a zip in staging by index", () => {
    expect(zipLanding(ENTRIES, NAMES, "doejohn_12345_1_app-1.py")).toEqual({ in: "student", path: "app.py" });
    expect(zipLanding(ENTRIES, NAMES, "doejohn_12345_2_lab.zip")).toEqual({ in: "staging", path: "1/lab.zip" });
  });
  it("keeps paths below a folder entry, and skips the folder entry itself", () => {
    expect(zipLanding(ENTRIES, NAMES, "doejohn folder/src/app.py")).toEqual({ in: "student", path: "src/app.py" });
    expect(zipLanding(ENTRIES, NAMES, "doejohn folder/")).toBeNull();
  });
  it("skips other students' entries, even when one's name starts like this one's", () => {
    expect(zipLanding(ENTRIES, NAMES, "smithjane_2222_3_app.py")).toBeNull();
    expect(zipLanding(ENTRIES, NAMES, "doejohn folder 2/app.py")).toBeNull();
  });
});
