import { stringify } from "csv-stringify/sync";
import { showControls } from "./show-controls.ts";

export type Cell = string | number | null;

// csv-stringify's escape_formulas prefixes a ' to a cell that starts with = + - @ tab or CR (and their full-width
// forms), but a number stays a number, even a negative one. It looks at the first character only: some
// spreadsheets trim leading blanks before they parse, so " =1+1" gets the same ' here.
const FORMULA_AFTER_BLANKS = /^[\s\u00a0\u3000]+[=+\-@\uff1d\uff0b\uff0d\uff20]/;
const guard = (text: string): string => {
  const shown = showControls(text);
  return FORMULA_AFTER_BLANKS.test(shown) ? `'${shown}` : shown;
};

// Every CSV labgrade writes (gradebook.csv, changes.csv, the LMS import files): RFC 4180 as LMS importers read it.
export function csvText(records: Cell[][]): string {
  return stringify(records, {
    // Excel reads a CSV without a BOM in the machine's ANSI code page: "Zoë 学生" would open as "ZoÃ« å­¦ç”Ÿ".
    // Canvas's importer (Ruby's CSV; the header test is `include?("Student")`) and Moodle's (core_text::trim_utf8_bom)
    // both read past it.
    bom: true,
    // CRLF as RFC 4180 and Excel write it; LibreOffice, Python's csv and LMS importers read it too. With a record
    // delimiter given, csv-stringify stops quoting a lone "\n" unless told: a multi-line reason would split a row.
    record_delimiter: "windows",
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { string: guard },
  });
}
