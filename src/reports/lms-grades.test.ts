import { describe, expect, it } from "vitest";
import { parseCanvasGradebook } from "../intake/canvas-gradebook.ts";
import { parseCanvasGroups } from "../intake/canvas-groups.ts";
import { type LmsIdentity, canvasIdentity, moodleIdentity } from "../intake/lms-identity.ts";
import { parseCanvasName } from "../intake/canvas-name.ts";
import { parseMoodleName } from "../intake/moodle-name.ts";
import { parseMoodleWorksheet } from "../intake/moodle-worksheet.ts";
import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { sampleClassReport } from "../../testing/reports/class-sample-report.ts";
import { canvasGradebook, canvasGroupSet, moodleWorksheet } from "../../testing/lms/lms-exports.ts";
import { canvasGradebookImport, moodleWorksheetImport } from "../../testing/reports/lms-import-rules.ts";
import { renderCanvasGrades } from "./canvas-grades.ts";
import { lmsGrades } from "./lms-grades.ts";
import { renderMoodleGrades } from "./moodle-grades.ts";

// A class of hand-ins named as the LMS's download names them, graded out of a rubric of 100.
function graded(entries: Array<[entry: string, score: number | null]>): ClassReport {
  const template = sampleClassReport().rows[0]!;
  const rows = entries.map(([entry, score]): ClassReportRow => {
    const moodle = parseMoodleName(entry, true);
    const canvas = parseCanvasName(entry);
    const identity: LmsIdentity | undefined = moodle ? moodleIdentity(moodle.student, moodle.name) : canvas ? canvasIdentity(canvas) : undefined;
    return { ...template, student: moodle?.student ?? canvas?.student ?? entry, name: moodle?.name ?? canvas?.name ?? "", entry, score, status: score === null ? "error" : "graded", maxScore: 100, ...(identity ? { identity } : { identity: undefined }) };
  });
  return { ...sampleClassReport(), steps: [{ id: "docker-engine", title: "All of it", points: 100 }], rows };
}

describe("a Moodle team export (Students submit in groups)", () => {
  // downloader.php names a group's folder `<group name>_<group id>_…`, and the students in no group share
  // `Default group_…`; the worksheet lists every participant with the Group column (gradingtable.php col_team).
  const team = () => graded([["Red team_501_assignsubmission_file", 80], ["Blue team_502_assignsubmission_file", 65], ["Default group_assignsubmission_file", 40]]);
  const worksheet = () =>
    parseMoodleWorksheet(
      moodleWorksheet([
        { id: 11, name: "Ann Lee", group: "Red team" },
        { id: 12, name: "Bo Wu", group: "Red team" },
        { id: 13, name: "Cy Diaz", group: "Blue team" },
        { id: 14, name: "Di Fox" },
        { id: 501, name: "Not Red Team", group: "Blue team" },
      ]),
      "worksheet.csv",
    );

  it("gives each group's grade to each of its members, by their participant ids, and none to the group's id", () => {
    const grades = lmsGrades(team(), "moodle", { worksheet: worksheet() });
    expect(grades.grades.map((g) => [g.lmsId, g.name, g.group, g.points])).toEqual([
      ["11", "Ann Lee", "Red team", 80],
      ["12", "Bo Wu", "Red team", 80],
      ["13", "Cy Diaz", "Blue team", 65],
      ["501", "Not Red Team", "Blue team", 65],
      ["14", "Di Fox", "Default group", 40],
    ]);
    // As Moodle's worksheet import reads the file: participant 501 gets Blue team's grade, not Red team's.
    const imported = moodleWorksheetImport(renderMoodleGrades(grades));
    expect(Object.fromEntries(imported.map((r) => [r.participant, r.grade]))).toEqual({ "11": 80, "12": 80, "13": 65, "501": 65, "14": 40 });
  });

  it("finds a group whose name Moodle escapes in its folder's name (\"R&D\" → \"Ramp;D\", < and > too)", () => {
    const escaped = graded([["Ramp;D_601_assignsubmission_file", 90], ["lt;Opsgt; A gt; B_602_assignsubmission_file", 70]]);
    const sheet = parseMoodleWorksheet(moodleWorksheet([{ id: 21, name: "Cy Diaz", group: "R&D" }, { id: 22, name: "Di Fox", group: "<Ops> A > B" }]), "ws.csv");
    const grades = lmsGrades(escaped, "moodle", { worksheet: sheet });
    expect(grades.grades.map((g) => [g.lmsId, g.group, g.points])).toEqual([["21", "R&D", 90], ["22", "<Ops> A > B", 70]]);
    expect(grades.omitted).toEqual([]);
  });

  it("refuses without the worksheet, and says what to download", () => {
    expect(() => lmsGrades(team(), "moodle", {})).toThrow(/Expected a Moodle export with one folder per participant; found "Default group_assignsubmission_file"/);
    try {
      lmsGrades(team(), "moodle", {});
    } catch (error) {
      expect((error as { hint: string }).hint).toMatch(/--moodle-worksheet.*Download grading worksheet/);
    }
  });

  it("refuses a worksheet whose participants the export's folders do not name", () => {
    const individual = parseMoodleWorksheet(moodleWorksheet([{ id: 501, name: "Someone Else" }]), "other.csv");
    expect(() => lmsGrades(graded([["Red team_501_assignsubmission_file", 80]]), "moodle", { worksheet: individual })).toThrow(/none does \(501: participant 501 is "Someone Else" in other\.csv, but the export's folder says "Red team"\)/);
  });

  it("checks each participant of an individual export against the worksheet, leaving out who it does not list", () => {
    const sheet = parseMoodleWorksheet(moodleWorksheet([{ id: 77, name: "Jane Smith" }, { id: 88, name: "José María_O'Neil-Smith" }]), "ws.csv");
    const grades = lmsGrades(graded([["Jane Smith_77_assignsubmission_file", 50], ["José María O'Neil-Smith_88_assignsubmission_file", 60], ["Ghost_99_assignsubmission_file", 70]]), "moodle", { worksheet: sheet });
    expect(grades.grades.map((g) => g.lmsId)).toEqual(["77", "88"]);
    expect(grades.omitted).toEqual([{ student: "99", why: "participant 99 is not in ws.csv" }]);
  });
});

describe("a Canvas group assignment", () => {
  // content_zipper.rb with Assignment#representatives: one entry per group, named after the group and keyed by one
  // member's user id (here 1001 for "Team 1", 1003 for "Team 2"); Bo (1004) handed in alone.
  const export_ = () => graded([["team1_1001_9001_lab.zip", 90], ["team2_1003_9003_lab.zip", 70], ["wubo_1004_9004_lab.zip", 55]]);
  const groups = () =>
    parseCanvasGroups(
      canvasGroupSet([
        { name: "Ann Lee", userId: 1001, group: "Team 1", groupId: 51 },
        { name: "Cy Diaz", userId: 1002, group: "Team 1", groupId: 51 },
        { name: "Di Fox", userId: 1003, group: "Team 2", groupId: 52 },
        { name: "Bo Wu", userId: 1004, group: null },
      ]),
      "groups.csv",
    );
  const gradebook = () => parseCanvasGradebook(canvasGradebook([{ title: "Lab 1", id: 12345, points: "100" }], [{ name: "Lee, Ann", id: 1001 }, { name: "Diaz, Cy", id: 1002 }, { name: "Fox, Di", id: 1003 }, { name: "Wu, Bo", id: 1004 }]), "gradebook.csv");
  const assignment = { title: "Lab 1", id: "12345" };

  it("gives each group's grade to every member, by Canvas user id, with the group set export", () => {
    const grades = lmsGrades(export_(), "canvas", { groups: groups(), gradebook: gradebook(), canvasAssignment: assignment });
    const imported = canvasGradebookImport(renderCanvasGrades(grades, assignment));
    expect([...imported.students.entries()].sort()).toEqual([[1001, ["90"]], [1002, ["90"]], [1003, ["70"]], [1004, ["55"]]]);
  });

  it("refuses with the gradebook alone, where an entry's name is not its student's, and says what to export", () => {
    expect(() => lmsGrades(export_(), "canvas", { gradebook: gradebook(), canvasAssignment: assignment })).toThrow(/Expected each entry of the Canvas export to be named after its student; 2 are not \("team1" carries user 1001, "Lee, Ann" in gradebook\.csv; "team2"/);
    try {
      lmsGrades(export_(), "canvas", { gradebook: gradebook(), canvasAssignment: assignment });
    } catch (error) {
      expect((error as { hint: string }).hint).toMatch(/People › Groups.*--canvas-groups/);
    }
  });

  it("takes an individual assignment's entries, named after their students, as they are", () => {
    const grades = lmsGrades(graded([["leeann_1001_9001_lab.zip", 90]]), "canvas", { gradebook: gradebook(), canvasAssignment: assignment });
    expect(grades.grades.map((g) => [g.lmsId, g.name, g.points])).toEqual([["1001", "Lee, Ann", 90]]);
  });
});

describe("the LMS's maximum", () => {
  const canvasClass = () => graded([["leeann_1001_9001_lab.zip", 85], ["wubo_1004_9004_lab.zip", 33.5]]);
  const book = (points: string) => parseCanvasGradebook(canvasGradebook([{ title: "Lab 1", id: 12345, points }], [{ name: "Lee, Ann", id: 1001 }, { name: "Wu, Bo", id: 1004 }]), "gradebook.csv");
  const assignment = { title: "Lab 1", id: "12345" };

  it("refuses a Canvas maximum that is not the rubric's total, saying what Canvas would show", () => {
    expect(() => lmsGrades(canvasClass(), "canvas", { gradebook: book("10"), canvasAssignment: assignment })).toThrow(
      /Expected Canvas's maximum for the assignment to be the rubric's total, 100 points; found 10 \(the Points Possible of "Lab 1 \(12345\)" in gradebook\.csv\)\. Canvas takes a score as points whatever the maximum: 85 would show as 85\/10\./,
    );
  });

  it("scales to it with --scale, rounded as Canvas shows a score, and says so", () => {
    const grades = lmsGrades(canvasClass(), "canvas", { gradebook: book("3"), canvasAssignment: assignment, scale: true });
    expect(grades.grades.map((g) => g.points)).toEqual([2.55, 1.01]); // 33.5 → 1.005, which Canvas shows as 1.01
    expect(grades.notes.at(-1)).toBe("Grades are scaled from the rubric's 100 to Canvas's 3 (the Points Possible of \"Lab 1 (12345)\" in gradebook.csv), rounded to 2 decimal places as Canvas shows them.");
    const imported = canvasGradebookImport(renderCanvasGrades(grades, assignment));
    expect(imported.assignments[0]!.pointsPossible).toBe("3");
  });

  it("refuses Moodle's, where its worksheet import would skip every grade above it, and scales to its decimals", () => {
    const sheet = (max: string) => parseMoodleWorksheet(moodleWorksheet([{ id: 77, name: "Jane Smith" }], { max }), "ws.csv");
    const jane = () => graded([["Jane Smith_77_assignsubmission_file", 87]]);
    expect(() => lmsGrades(jane(), "moodle", { worksheet: sheet("15.0") })).toThrow(/Moodle skips any grade above its maximum: 85 out of 15 would be dropped/);
    const grades = lmsGrades(jane(), "moodle", { worksheet: sheet("15.0"), scale: true });
    expect(grades.grades[0]!.points).toBe(13.1); // 13.05 at the 1 decimal place the worksheet shows
    expect(moodleWorksheetImport(renderMoodleGrades(grades))[0]!.grade).toBe(13.1);
  });

  it("reads a Moodle maximum shown without decimals as a grade item of 0 decimals, and scales to whole points", () => {
    const sheet = parseMoodleWorksheet(moodleWorksheet([{ id: 77, name: "Jane Smith" }], { max: "7" }), "ws.csv");
    expect(sheet.decimals).toBe(0);
    const grades = lmsGrades(graded([["Jane Smith_77_assignsubmission_file", 85]]), "moodle", { worksheet: sheet, scale: true });
    expect(grades.grades[0]!.points).toBe(6); // 5.95 at the 0 decimal places the worksheet shows
  });

  it("takes --lms-max when it matches, and refuses one that contradicts the LMS's own export", () => {
    expect(lmsGrades(canvasClass(), "canvas", { lmsMax: 100 }).max).toMatchObject({ lms: 100, source: "--lms-max", scaled: false });
    expect(() => lmsGrades(canvasClass(), "canvas", { lmsMax: 100, gradebook: book("10"), canvasAssignment: assignment })).toThrow(/Expected --lms-max 100 to be Canvas's maximum for the assignment; the Points Possible .* says 10\./);
    expect(lmsGrades(canvasClass(), "canvas", {}).notes.at(-1)).toMatch(/^Canvas's maximum for the assignment was not checked: grades are out of the rubric's 100\. Pass --canvas-gradebook/);
  });
});
