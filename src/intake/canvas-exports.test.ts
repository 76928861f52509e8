import { describe, expect, it } from "vitest";
import { canvasGradebook, canvasGroupSet } from "../../testing/lms/lms-exports.ts";
import { parseCanvasGradebook } from "./canvas-gradebook.ts";
import { parseCanvasGroups } from "./canvas-groups.ts";

describe("Canvas's gradebook export", () => {
  it("gives each assignment's Points Possible and each student's sortable name by user id", () => {
    const book = parseCanvasGradebook(canvasGradebook([{ title: "Lab 1", id: 12345, points: "10" }, { title: "Quiz", id: 7, points: "2.5" }], [{ name: "Doe, Jane", id: 1001 }]), "gb.csv");
    expect(book.columns.slice(0, 2)).toEqual([{ header: "Lab 1 (12345)", id: "12345", pointsPossible: 10 }, { header: "Quiz (7)", id: "7", pointsPossible: 2.5 }]);
    expect(book.columns[2]).toMatchObject({ header: "Current Score", pointsPossible: null });
    expect([...book.students]).toEqual([["1001", "Doe, Jane"]]);
  });

  it("reads the export with first and last names in two columns (LastName, FirstName, ID, …)", () => {
    const text = canvasGradebook([{ title: "Lab 1", id: 12345, points: "10" }], [{ name: "Doe, Jane", id: 1001 }, { name: "Wu, Bo", id: 1002 }], { splitNames: true });
    expect(text.split("\n")[0]).toMatch(/^LastName,FirstName,ID,SIS User ID/);
    const book = parseCanvasGradebook(text, "gb.csv");
    expect(book.columns[0]).toEqual({ header: "Lab 1 (12345)", id: "12345", pointsPossible: 10 });
    expect([...book.students]).toEqual([["1001", "Doe, Jane"], ["1002", "Wu, Bo"]]);
  });

  it("reads a semicolon export with decimal commas, as the importer guesses it", () => {
    const text = "Student;ID;SIS User ID;SIS Login ID;Section;Lab 1 (5)\n    Points Possible;;;;;12,5\nDoe, Jane;1001;;;S1;\n";
    expect(parseCanvasGradebook(text, "gb.csv").columns[0]!.pointsPossible).toBe(12.5);
  });

  it("refuses another file and says what to export", () => {
    expect(() => parseCanvasGradebook("Identifier,Full name\nParticipant 1,Ann\n", "ws.csv")).toThrow(/Expected ws\.csv to be Canvas's gradebook export; its first row has Identifier, Full name/);
  });
});

describe("Canvas's group set export", () => {
  it("gives each student's group with every member", () => {
    const set = parseCanvasGroups(canvasGroupSet([{ name: "Jane Doe", userId: 1, group: "Team 1", groupId: 50 }, { name: "Bo Wu", userId: 2, group: "Team 1", groupId: 50 }, { name: "Cy", userId: 3, group: null }]), "g.csv");
    expect(set.groupOf.get("2")).toEqual({ id: "50", name: "Team 1", members: [{ userId: "1", name: "Jane Doe" }, { userId: "2", name: "Bo Wu" }] });
    expect(set.groupOf.has("3")).toBe(false);
  });

  it("refuses another file", () => {
    expect(() => parseCanvasGroups("Student,ID\nDoe,1\n", "gb.csv")).toThrow(/expected canvas_user_id and group_name/);
  });
});
