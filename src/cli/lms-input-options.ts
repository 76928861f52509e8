import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { HarnessError } from "../errors.ts";
import { parseCanvasGradebook } from "../intake/canvas-gradebook.ts";
import { parseCanvasGroups } from "../intake/canvas-groups.ts";
import { parseMoodleWorksheet } from "../intake/moodle-worksheet.ts";
import type { LmsInputs } from "../reports/lms-grades.ts";
import { positiveNumber } from "./parse-options.ts";

/** The flags that hand labgrade the LMS's own files beside the submissions, as commander parses them. */
export interface LmsInputFlags {
  moodleWorksheet?: string;
  canvasGradebook?: string;
  canvasGroups?: string;
  lmsMax?: number;
  scale?: boolean;
}

// The options of every command that writes the LMS's import files (bulk, export).
export function withLmsInputOptions(command: Command): Command {
  return command
    .option("--moodle-worksheet <file>", "Moodle's grading worksheet of the assignment (View all submissions › Grading action › Download grading worksheet): each participant id is checked against it, a team export's group gets a row per member, and its Maximum grade is checked against the rubric's total")
    .option("--canvas-gradebook <file>", "Canvas's gradebook export (Grades › Export): the Points Possible of --canvas-assignment is checked against the rubric's total, and an entry named after a group instead of its student is refused")
    .option("--canvas-groups <file>", "Canvas's group set export (People › Groups › the set's ⋮ › Export): a group assignment's hand-in gets a grade for each member of the group")
    .option("--lms-max <points>", "the LMS's maximum for the assignment, when no export says it: grades are refused unless it is the rubric's total (or --scale)", positiveNumber("--lms-max", "points"))
    .option("--scale", "when the LMS's maximum is not the rubric's total, write each grade scaled to it, rounded as the LMS shows grades (default: refuse)");
}

// Reads and checks the files the flags name, before anything is graded or written.
export async function readLmsInputs(flags: LmsInputFlags): Promise<LmsInputs> {
  const text = async (file: string, flag: string): Promise<string> => {
    try {
      return await readFile(file, "utf8");
    } catch (error) {
      throw new HarnessError("BAD_INPUT", `Expected ${flag} ${file} to be a file labgrade can read; ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "there is none" : (error as Error).message}.`, "Pass the file the LMS gave, by its path.");
    }
  };
  return {
    ...(flags.moodleWorksheet ? { worksheet: parseMoodleWorksheet(await text(flags.moodleWorksheet, "--moodle-worksheet"), flags.moodleWorksheet) } : {}),
    ...(flags.canvasGradebook ? { gradebook: parseCanvasGradebook(await text(flags.canvasGradebook, "--canvas-gradebook"), flags.canvasGradebook) } : {}),
    ...(flags.canvasGroups ? { groups: parseCanvasGroups(await text(flags.canvasGroups, "--canvas-groups"), flags.canvasGroups) } : {}),
    ...(flags.lmsMax !== undefined ? { lmsMax: flags.lmsMax } : {}),
    ...(flags.scale ? { scale: true } : {}),
  };
}
