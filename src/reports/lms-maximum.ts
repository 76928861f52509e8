import { HarnessError } from "../errors.ts";
import { points } from "./lms-rows.ts";
import { scaledPoints } from "./lms-rounding.ts";

/** The maximum the LMS grades an assignment out of, as labgrade writes grades for it. */
export interface LmsMaximum {
  /** The rubric's total: what labgrade's scores are out of. */
  rubric: number;
  /** What the grades are written out of: the LMS's maximum, or the rubric's total when nothing said the LMS's. */
  lms: number;
  /** Where the LMS's maximum was read; null when nothing said it and it was not checked. */
  source: string | null;
  /** Grades are scaled from the rubric's total to the LMS's maximum (--scale). */
  scaled: boolean;
  /** The decimal places the LMS shows a grade with, which scaled grades are rounded to. */
  decimals: number;
}

/** What the LMS's own files, or the instructor, said the maximum is. */
export interface SaidMaximum {
  /** From an export of the LMS (the worksheet's Maximum grade, the gradebook's Points Possible, the API). */
  exported?: { value: number; source: string; decimals?: number };
  /** --lms-max N */
  flag?: number;
}

const CONSEQUENCE = {
  canvas: (score: number, max: number) => `Canvas takes a score as points whatever the maximum: ${score} would show as ${score}/${max}.`,
  moodle: (score: number, max: number) => `Moodle skips any grade above its maximum: ${score} out of ${max} would be dropped, with every grade above ${max}.`,
};
const NAME = { canvas: "Canvas", moodle: "Moodle" };

// The maximum to write grades out of. The LMS's word (its export, the API, or --lms-max) must match the rubric's
// total, else labgrade refuses, unless --scale asks for each grade scaled to the LMS's maximum.
export function lmsMaximum(lms: "canvas" | "moodle", rubric: number, said: SaidMaximum, scale: boolean): LmsMaximum {
  const { exported, flag } = said;
  const decimals = exported?.decimals ?? 2;
  if (exported && flag !== undefined && exported.value !== flag) {
    throw new HarnessError("BAD_INPUT", `Expected --lms-max ${flag} to be ${NAME[lms]}'s maximum for the assignment; ${exported.source} says ${exported.value}.`, `Leave --lms-max out (${exported.source} is ${NAME[lms]}'s own word), or change the assignment in ${NAME[lms]} and export again.`);
  }
  const value = flag ?? exported?.value;
  const source = flag !== undefined ? "--lms-max" : (exported?.source ?? null);
  if (value === undefined || source === null) return { rubric, lms: rubric, source: null, scaled: false, decimals };
  if (!(value > 0)) throw new HarnessError("BAD_INPUT", `Expected ${NAME[lms]}'s maximum for the assignment to be a number of points above 0; ${source} says ${value}.`, `Give the assignment points in ${NAME[lms]}: labgrade's grades are points.`);
  if (value === rubric) return { rubric, lms: value, source, scaled: false, decimals };
  if (scale) return { rubric, lms: value, source, scaled: true, decimals };
  const example = points(rubric * 0.85);
  throw new HarnessError(
    "BAD_INPUT",
    `Expected ${NAME[lms]}'s maximum for the assignment to be the rubric's total, ${points(rubric)} points; found ${value} (${source}). ${CONSEQUENCE[lms](example, value)}`,
    `Set the assignment's maximum to ${points(rubric)} in ${NAME[lms]}, change the rubric to total ${value}, or pass --scale to write each grade scaled to ${value} (${example} → ${scaledPoints(example, rubric, value, decimals)}, rounded as ${NAME[lms]} shows it).`,
  );
}

// A student's score in the LMS's points.
export function lmsPoints(score: number, max: LmsMaximum): number {
  return max.scaled ? scaledPoints(score, max.rubric, max.lms, max.decimals) : points(score);
}

// What the instructor reads about the maximum beside the files: scaled, checked, or not checked.
export function maximumNote(lms: "canvas" | "moodle", max: LmsMaximum, checkWith: string): string {
  if (max.source === null) return `${NAME[lms]}'s maximum for the assignment was not checked: grades are out of the rubric's ${points(max.rubric)}. ${checkWith}`;
  if (max.scaled) return `Grades are scaled from the rubric's ${points(max.rubric)} to ${NAME[lms]}'s ${max.lms} (${max.source}), rounded to ${max.decimals} decimal place${max.decimals === 1 ? "" : "s"} as ${NAME[lms]} shows them.`;
  return `${NAME[lms]}'s maximum (${max.source}) is the rubric's total, ${points(max.rubric)}.`;
}
