import { describe, expect, it } from "vitest";
import { moodleWorksheet } from "../../testing/lms/lms-exports.ts";
import { parseMoodleWorksheet } from "./moodle-worksheet.ts";

describe("Moodle's grading worksheet", () => {
  it("gives each participant's id and name, and the assignment's maximum with the decimals Moodle shows", () => {
    const sheet = parseMoodleWorksheet(moodleWorksheet([{ id: 12, name: "Ann Lee" }, { id: 13, name: "Bo Wu" }], { max: "10.0" }), "ws.csv");
    expect(sheet.participants).toEqual([{ participantId: "12", fullName: "Ann Lee", group: null }, { participantId: "13", fullName: "Bo Wu", group: null }]);
    expect(sheet).toMatchObject({ teams: false, maxGrade: 10, decimals: 1 });
  });

  it("knows a team assignment by its Group column", () => {
    const sheet = parseMoodleWorksheet(moodleWorksheet([{ id: 1, name: "A", group: "Red team" }, { id: 2, name: "B" }]), "ws.csv");
    expect(sheet.teams).toBe(true);
    expect(sheet.participants.map((p) => p.group)).toEqual(["Red team", "Default group"]);
  });

  it("has no maximum for an assignment graded on a scale", () => {
    const text = "Identifier,Full name,Status,Grade,Scale\nParticipant 4,Ann,Submitted,,\"Bad\nGood\"\n";
    expect(parseMoodleWorksheet(text, "ws.csv").maxGrade).toBeNull();
  });

  it("refuses another file and says what to download", () => {
    expect(() => parseMoodleWorksheet("Student,ID,Section\nDoe,1,A\n", "grades.csv")).toThrow(/Expected grades\.csv to be Moodle's grading worksheet.*first row has Student, ID, Section/);
    expect(() => parseMoodleWorksheet("Identifier,Full name,Maximum grade\nUser 4,Ann,10\n", "ws.csv")).toThrow(/line 2 has Identifier "User 4"; expected "Participant <number>"/);
    try {
      parseMoodleWorksheet("", "empty.csv");
      expect.unreachable();
    } catch (error) {
      expect((error as { hint?: string }).hint).toMatch(/Download grading worksheet/);
    }
  });
});
