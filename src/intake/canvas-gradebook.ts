import { parse } from "csv-parse/sync";
import { HarnessError } from "../errors.ts";

/** One assignment column of Canvas's gradebook export. */
export interface GradebookColumn {
  /** The header as written: `<title> (<assignment id>)`. */
  header: string;
  /** The assignment id in the header's parentheses; null for a column Canvas would match by title. */
  id: string | null;
  /** The Points Possible row's cell: the assignment's maximum; null when the export has no such row. */
  pointsPossible: number | null;
}

/** Canvas's gradebook export (Grades › Export › Export Entire Gradebook). */
export interface CanvasGradebook {
  file: string;
  columns: GradebookColumn[];
  /** Each student by Canvas user id: the Student column, Canvas's sortable name ("Doe, Jane"). */
  students: Map<string, string>;
}

export const CANVAS_GRADEBOOK_HINT = "Export it from Canvas: Grades › Export › Export Entire Gradebook, and pass that file as it came.";

// Read as app/models/gradebook_importer.rb reads it (and with the names in two columns, as the exporter can write
// it): the delimiter guessed from the first three lines
// (identify_delimiter: `;` only when it gives more fields), the student columns from the header (Student, ID, then
// SIS User ID and SIS Login ID, Integration ID, Root Account when there, then Section), a row whose first cell
// holds "Points Possible" giving each assignment's maximum (decimal_comma_to_period), rows of "Muted" or "Manual
// Posting" skipped, and every other row a student found by the user id in ID.
export function parseCanvasGradebook(text: string, file: string): CanvasGradebook {
  const content = text.replace(/^\uFEFF/, "");
  const delimiter = canvasDelimiter(content);
  let records: string[][];
  try {
    records = parse(content, { delimiter, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw bad(file, `it is not CSV labgrade can read (${(error as Error).message})`);
  }
  const [header = [], ...rows] = records;
  // lib/gradebook_exporter.rb, with "Show first and last names separately" on (show_student_first_last_name): the
  // name in two columns, LastName then FirstName, and every other column one further right.
  const split = header.length > 4 && /^\s*LastName\s*$/.test(header[0]!) && /^\s*FirstName\s*$/.test(header[1]!) && header[2]!.includes("ID");
  if (!split && !(header.length > 3 && header[0]!.includes("Student") && header[1]!.includes("ID"))) {
    throw bad(file, `its first row has ${header.length ? header.slice(0, 6).join(", ") : "nothing"}; expected Canvas's gradebook export, starting Student, ID (or LastName, FirstName, ID)`);
  }
  const names = split ? 2 : 1;
  const first = names - 1 + studentColumns(header.slice(names - 1));
  const possible = rows.find((row) => row[0]?.includes("Points Possible"));
  const columns = header.slice(first).map((cell, i): GradebookColumn => {
    const id = /^.*\s\((\d+)\)$/s.exec(cell)?.[1] ?? null;
    const raw = decimalPoint((possible?.[first + i] ?? "").trim());
    return { header: cell, id, pointsPossible: /^\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : null };
  });
  const students = new Map<string, string>();
  for (const row of rows) {
    if (row === possible || row.every((c) => /^\s*(Muted|Manual Posting.*)?\s*$/i.test(c))) continue;
    // The sortable name either way: "Doe, Jane", as the Student column writes it.
    if (/^\d+$/.test(row[names] ?? "")) students.set(row[names]!, split ? [row[0] ?? "", row[1] ?? ""].filter((n) => n.trim() !== "").join(", ") : (row[0] ?? ""));
  }
  return { file, columns, students };
}

// The first assignment column (update_column_count): Student, ID, then the SIS columns when present, then Section.
function studentColumns(header: string[]): number {
  let count = 3;
  if (/SIS\s+Login\s+ID/.test(header[2] ?? "")) count += 1;
  else if (/SIS\s+User\s+ID/.test(header[2] ?? "") && /SIS\s+Login\s+ID/.test(header[3] ?? "")) {
    const integration = /Integration\s+ID/.test(header[4] ?? "") ? 1 : 0;
    count += 2 + integration + (/Root\s+Account/.test(header[4 + integration] ?? "") ? 1 : 0);
  }
  return count;
}

// CSV::Converters[:decimal_comma_to_period]: a number written with a decimal comma is read with a point.
export function decimalPoint(field: string): string {
  if (!/^-?[0-9.,]+%?$/.test(field)) return field;
  const parts = field.split(/[,.]/);
  const last = parts.pop()!;
  return parts.length === 0 ? last : `${parts.join("")}.${last}`;
}

// identify_delimiter: the first three lines, `;` only when it splits each of them into more fields than `,`.
export function canvasDelimiter(text: string): "," | ";" {
  const lines = text.split(/\r?\n/).slice(0, 3);
  const fields = (sep: string): number => {
    try {
      const sizes = lines.map((line) => (parse(line, { delimiter: sep, relax_column_count: true }) as string[][])[0]?.length ?? 0);
      return new Set(sizes).size === 1 ? sizes[0]! : 0;
    } catch {
      return 0;
    }
  };
  return fields(";") > fields(",") ? ";" : ",";
}

function bad(file: string, found: string): HarnessError {
  return new HarnessError("BAD_INPUT", `Expected ${file} to be Canvas's gradebook export; ${found}.`, CANVAS_GRADEBOOK_HINT);
}
