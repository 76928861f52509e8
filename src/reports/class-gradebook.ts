import { stringify } from "csv-stringify/sync";
import type { ClassReport, ClassReportRow } from "../model/class-row.ts";
import { showControls } from "./show-controls.ts";

type Cell = string | number | null;

// csv-stringify's escape_formulas prefixes a ' to a cell that starts with = + - @ tab or CR (and their full-width
// forms), but a number stays a number, even a negative one. It looks at the first character only: some
// spreadsheets trim leading blanks before they parse, so " =1+1" gets the same ' here.
const FORMULA_AFTER_BLANKS = /^[\s\u00a0\u3000]+[=+\-@\uff1d\uff0b\uff0d\uff20]/;
const guard = (text: string): string => {
  const shown = showControls(text);
  return FORMULA_AFTER_BLANKS.test(shown) ? `'${shown}` : shown;
};

function stepCell(row: ClassReportRow, id: string): Cell {
  const step = row.steps.find((s) => s.id === id);
  // Only a judged step has points: an error or skipped step, or one a rejected row never reached, is blank, not 0.
  return step && (step.status === "passed" || step.status === "failed") ? step.points : null;
}

function record(row: ClassReportRow, report: ClassReport): Cell[] {
  return [
    row.student,
    row.name,
    row.entry,
    row.late ? "yes" : "",
    row.status,
    ...report.steps.map((s) => stepCell(row, s.id)),
    row.score,
    row.maxScore,
    row.sameAs.join("; "),
    row.reason ?? "",
  ];
}

// gradebook.csv: a row per student, a column per rubric step, for the instructor's spreadsheet or LMS import.
export function renderGradebook(report: ClassReport): string {
  const header = ["student", "name", "entry", "late", "status", ...report.steps.map((s) => s.id), "total", "max", "same_as", "reason"];
  return stringify([header, ...report.rows.map((row) => record(row, report))], {
    // Excel reads a CSV without a BOM in the machine's ANSI code page: "Zoë 学生" would open as "ZoÃ« å­¦ç”Ÿ".
    bom: true,
    // CRLF as RFC 4180 and Excel write it; LibreOffice, Python's csv and LMS importers read it too. With a record
    // delimiter given, csv-stringify stops quoting a lone "\n" unless told: a multi-line reason would split a row.
    record_delimiter: "windows",
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { string: guard },
  });
}
