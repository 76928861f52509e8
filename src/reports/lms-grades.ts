import { HarnessError } from "../errors.ts";
import type { CanvasGradebook } from "../intake/canvas-gradebook.ts";
import type { CanvasGroupSet } from "../intake/canvas-groups.ts";
import { CANVAS_GRADEBOOK_HINT } from "../intake/canvas-gradebook.ts";
import type { HandIn } from "../intake/hand-in.ts";
import type { MoodleWorksheet } from "../intake/moodle-worksheet.ts";
import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import type { CanvasAssignment } from "./canvas-assignment.ts";
import { canvasMembers } from "./canvas-members.ts";
import { type HandedIn, handedInListing, handedInRow, type Member, type Members } from "./lms-members.ts";
import { type LmsMaximum, lmsMaximum, lmsPoints, maximumNote, type SaidMaximum } from "./lms-maximum.ts";
import type { Omitted } from "./lms-rows.ts";
import { moodleMembers } from "./moodle-members.ts";

/** What the instructor handed labgrade from the LMS beside the submissions, and asked of the LMS files. */
export interface LmsInputs {
  /** --canvas-assignment: the column canvas-grades.csv fills, and the gradebook column whose maximum is checked. */
  canvasAssignment?: CanvasAssignment;
  /** --canvas-gradebook: Canvas's gradebook export (Points Possible, students' names). */
  gradebook?: CanvasGradebook;
  /** --canvas-groups: Canvas's group set export. */
  groups?: CanvasGroupSet;
  /** --moodle-worksheet: Moodle's grading worksheet (participants, groups, Maximum grade). */
  worksheet?: MoodleWorksheet;
  /** --lms-max N */
  lmsMax?: number;
  /** --scale: grades scaled from the rubric's total to the LMS's maximum. */
  scale?: boolean;
}

/** One grade for the LMS: a student (or a member of a group that handed in), in the LMS's points. */
export interface LmsGrade extends Member {
  row: ClassReportRow;
  /** Null when the row was not graded (Moodle's worksheet then gets a blank grade and says why). */
  points: number | null;
}

export interface LmsGrades {
  grades: LmsGrade[];
  omitted: Omitted[];
  notes: string[];
  max: LmsMaximum;
}

type Lms = "canvas" | "moodle";

const rubricTotal = (steps: ReadonlyArray<{ points: number }>): number => steps.reduce((sum, s) => sum + s.points, 0);

function members<T extends HandedIn>(lms: Lms, items: readonly T[], inputs: LmsInputs): Members<T> {
  return lms === "canvas" ? canvasMembers(items, inputs) : moodleMembers(items, inputs.worksheet);
}

// What each LMS's own export says the maximum is: the worksheet's Maximum grade, the gradebook's Points Possible.
function said(lms: Lms, inputs: LmsInputs): SaidMaximum {
  const flag = inputs.lmsMax === undefined ? {} : { flag: inputs.lmsMax };
  if (lms === "moodle" && inputs.worksheet) {
    const { worksheet } = inputs;
    if (worksheet.maxGrade === null) throw new HarnessError("BAD_INPUT", `Expected the Moodle assignment to be graded in points; ${worksheet.file} shows it graded on a scale.`, "Set the assignment's Grade type to Point in Moodle, and download the worksheet again: labgrade's grades are points.");
    return { ...flag, exported: { value: worksheet.maxGrade, source: `the Maximum Grade of ${worksheet.file}`, decimals: worksheet.decimals } };
  }
  if (lms === "canvas" && inputs.gradebook && inputs.canvasAssignment) {
    const { gradebook, canvasAssignment } = inputs;
    const column = gradebook.columns.find((c) => c.id === canvasAssignment.id);
    if (!column) {
      const known = gradebook.columns.filter((c) => c.id !== null).map((c) => c.header);
      throw new HarnessError("BAD_INPUT", `Expected ${gradebook.file} to have the column of assignment ${canvasAssignment.id}; it has ${known.length ? known.slice(0, 5).join(", ") : "no assignment column"}.`, `Check the id in --canvas-assignment against the gradebook's columns. ${CANVAS_GRADEBOOK_HINT}`);
    }
    if (column.pointsPossible !== null) return { ...flag, exported: { value: column.pointsPossible, source: `the Points Possible of "${column.header}" in ${gradebook.file}` } };
  }
  return flag;
}

const CHECK_WITH = {
  canvas: "Pass --canvas-gradebook (Grades › Export) or --lms-max N to check it.",
  moodle: "Pass --moodle-worksheet (View all submissions › Grading action › Download grading worksheet) or --lms-max N to check it.",
};

// The grades of a graded class for one LMS's import file: each hand-in's grade for its student or for every member
// of its group, in the LMS's points. Canvas gets graded rows only (a row left out keeps Canvas's grade); Moodle gets
// every row, the ungraded with a blank grade (its importer skips those) and a comment that says why. Refuses, with
// what to download or change, when the grades would reach the wrong people or be out of the wrong maximum.
export function lmsGrades(report: ClassReport, lms: Lms, inputs: LmsInputs): LmsGrades {
  const max = lmsMaximum(lms, rubricTotal(report.steps), said(lms, inputs), Boolean(inputs.scale));
  const mapped = members(lms, report.rows.map(handedInRow), inputs);
  const grades: LmsGrade[] = [];
  const omitted = [...mapped.omitted];
  const seen = new Set<string>();
  for (const { item, member } of mapped.members) {
    const { row } = item;
    const graded = row.status === "graded" && row.score !== null;
    const who = lms === "canvas" ? `Canvas user id ${member.lmsId}` : `participant ${member.lmsId}`;
    if (lms === "canvas" && !graded) omitted.push({ student: row.student, why: `${row.status}: no grade to import (Canvas keeps the one it has)` });
    else if (seen.has(member.lmsId)) omitted.push({ student: row.student, why: `${who} is already another row's: check whose hand-in this is` });
    else {
      seen.add(member.lmsId);
      grades.push({ ...member, row, points: graded ? lmsPoints(row.score!, max) : null });
    }
  }
  const order = new Map(report.rows.map((row, i) => [row.student, i]));
  omitted.sort((a, b) => (order.get(a.student) ?? 0) - (order.get(b.student) ?? 0));
  return { grades, omitted, notes: [...mapped.notes, maximumNote(lms, max, CHECK_WITH[lms])], max };
}

// Before any grading: what the LMS files would refuse, said now rather than after an hour of grading.
export function lmsPreflight(handIns: readonly HandIn[], steps: ReadonlyArray<{ points: number }>, lms: Lms, inputs: LmsInputs): void {
  lmsMaximum(lms, rubricTotal(steps), said(lms, inputs), Boolean(inputs.scale));
  members(lms, handIns.map(handedInListing), inputs);
}
