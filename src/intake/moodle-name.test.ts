import { describe, expect, it } from "vitest";
import { parseMoodleName } from "./moodle-name.ts";

describe("parseMoodleName", () => {
  it("reads a submission folder, with or without the trailing underscore", () => {
    expect(parseMoodleName("Jane Smith_77_assignsubmission_file_", true)).toEqual({ student: "77", name: "Jane Smith", plugin: "file", file: null });
    expect(parseMoodleName("Jane Smith_77_assignsubmission_file", true)).toEqual({ student: "77", name: "Jane Smith", plugin: "file", file: null });
    expect(parseMoodleName("Jane Smith_77_assignsubmission_onlinetext_", true)).toMatchObject({ student: "77", plugin: "onlinetext" });
  });
  it("splits from the right: names hold _, spaces, apostrophes and non-ASCII", () => {
    expect(parseMoodleName("José María_O'Neil-Smith_88_assignsubmission_file_", true)).toMatchObject({ student: "88", name: "José María_O'Neil-Smith" });
    expect(parseMoodleName("Anna_12_Lee_4410_assignsubmission_file_", true)).toMatchObject({ student: "4410", name: "Anna_12_Lee" });
    expect(parseMoodleName("Zoë Ødegård_5_assignsubmission_file_", true)).toMatchObject({ student: "5", name: "Zoë Ødegård" });
  });
  it("reads flat files, keeping the uploaded name whole", () => {
    expect(parseMoodleName("Jane Smith_77_assignsubmission_file_app.py", false)).toEqual({ student: "77", name: "Jane Smith", plugin: "file", file: "app.py" });
    expect(parseMoodleName("Jane Smith_77_assignsubmission_file_my_app_2.py", false)).toMatchObject({ file: "my_app_2.py" });
    expect(parseMoodleName("Jane Smith_77_assignsubmission_file_lab.zip", false)).toMatchObject({ file: "lab.zip" });
  });
  it("reads blind marking as no name", () => {
    expect(parseMoodleName("Participant_4410923_assignsubmission_file_", true)).toEqual({ student: "4410923", name: "", plugin: "file", file: null });
    expect(parseMoodleName("Participant_4410923_assignsubmission_file_Dockerfile", false)).toMatchObject({ student: "4410923", name: "", file: "Dockerfile" });
  });
  it("refuses what is not the whole pattern, and folders and files each their own", () => {
    expect(parseMoodleName("Jane Smith_assignsubmission_file_", true)).toBeNull();
    expect(parseMoodleName("Jane Smith_77_assignsubmissions_file_", true)).toBeNull();
    expect(parseMoodleName("Jane Smith_77_assignsubmission_file_app.py", true)).toBeNull();
    expect(parseMoodleName("Jane Smith_77_assignsubmission_file_", false)).toBeNull();
    expect(parseMoodleName("assignsubmission_file_", true)).toBeNull();
  });
});
