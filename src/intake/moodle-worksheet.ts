import { parse } from "csv-parse/sync";
import { HarnessError } from "../errors.ts";

/** One participant of a Moodle assignment, as its grading worksheet lists them. */
export interface WorksheetParticipant {
  /** The assignment's participant id: "Participant 12" in the Identifier column, 12 in the export's folder names. */
  participantId: string;
  /** "" when blind marking hides it. */
  fullName: string;
  /** The Group column of a team assignment: the group's name, "Default group" for those in none; null otherwise. */
  group: string | null;
}

/** Moodle's grading worksheet (View all submissions › Grading action › Download grading worksheet). */
export interface MoodleWorksheet {
  file: string;
  participants: WorksheetParticipant[];
  /** The worksheet has a Group column: the assignment has "Students submit in groups" on. */
  teams: boolean;
  /** The assignment's maximum grade; null when it is graded on a scale (the worksheet has a Scale column). */
  maxGrade: number | null;
  /** The decimal places the worksheet shows the maximum with: the grade item's, which Moodle displays grades with. */
  decimals: number;
}

// The worksheet's columns in English, as mod/assign/gradingtable.php names them when downloading (get_string:
// recordid 'Identifier', fullname 'Full name', submissionteam 'Group', scale 'Scale', and maxgrade, which
// lang/en/assign.php defines twice: 'Maximum grade', then 'Maximum Grade', which wins). Matched without case.
// Moodle's own importer matches them in the importing teacher's language; labgrade reads the English ones.
const IDENTIFIER = "identifier";
const FULL_NAME = "full name";
const GROUP = "group";
const MAXIMUM = "maximum grade";
const SCALE = "scale";
// col_recordid: get_string('hiddenuser', 'assign') . the participant id.
const PARTICIPANT = /^Participant (\d+)$/;
// col_grademax: format_float(grade, the grade item's decimals), with the English decimal point.
const NUMBER = /^\d+(?:\.(\d+))?$/;

export const MOODLE_WORKSHEET_HINT = "Download it from the assignment: View all submissions › Grading action › Download grading worksheet, with English as your language, and pass that file as it came.";

export function parseMoodleWorksheet(text: string, file: string): MoodleWorksheet {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw bad(file, `it is not CSV labgrade can read (${(error as Error).message})`);
  }
  const [header = [], ...rows] = records;
  const columns = header.map((c) => c.trim().toLowerCase());
  const at = (name: string) => columns.indexOf(name);
  if (at(IDENTIFIER) < 0) throw bad(file, `its first row has ${header.length ? header.join(", ") : "nothing"}; expected Moodle's worksheet columns, starting with Identifier`);
  const participants = rows.map((cells, index): WorksheetParticipant => {
    const identifier = (cells[at(IDENTIFIER)] ?? "").trim();
    const id = PARTICIPANT.exec(identifier)?.[1];
    if (!id) throw bad(file, `line ${index + 2} has Identifier "${identifier}"; expected "Participant <number>"`);
    const cell = (name: string) => (at(name) < 0 ? null : (cells[at(name)] ?? "").trim());
    return { participantId: id, fullName: cell(FULL_NAME) ?? "", group: cell(GROUP) };
  });
  if (participants.length === 0) throw bad(file, "it has a header row and no participants");
  const maxima = new Set(rows.map((cells) => (at(MAXIMUM) < 0 ? "" : (cells[at(MAXIMUM)] ?? "").trim())));
  if (at(MAXIMUM) >= 0 && maxima.size !== 1) throw bad(file, `its Maximum grade column holds ${[...maxima].join(", ")}; expected the assignment's one maximum`);
  const [shown = ""] = maxima;
  const number = NUMBER.exec(shown);
  if (at(MAXIMUM) >= 0 && !number) throw bad(file, `its Maximum grade is "${shown}"; expected a number such as 100.00`);
  if (at(MAXIMUM) < 0 && at(SCALE) < 0) throw bad(file, "it has neither a Maximum grade nor a Scale column");
  return {
    file,
    participants,
    teams: at(GROUP) >= 0,
    maxGrade: number ? Number(shown) : null,
    // "7": a grade item of 0 decimals (format_float(7, 0)); no Maximum column (a scale): Moodle's default, 2.
    decimals: number ? (number[1]?.length ?? 0) : 2,
  };
}

function bad(file: string, found: string): HarnessError {
  return new HarnessError("BAD_INPUT", `Expected ${file} to be Moodle's grading worksheet of the assignment; ${found}.`, MOODLE_WORKSHEET_HINT);
}
