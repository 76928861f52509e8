import path from "node:path";
import { parse } from "csv-parse/sync";
import { HarnessError } from "../errors.ts";

/** One student's machine, as the instructor's roster (`bulk --live roster.csv`) names it. */
export interface RosterEntry {
  /** The student's id: the export's id for them when an export is graded too. */
  student: string;
  name: string;
  host: string;
  /** The login; the grader's own user when the roster leaves it empty. */
  user: string | undefined;
  port: number;
  /** A private key file, relative to the roster's folder; ssh-agent's keys are tried first. */
  identity: string | undefined;
  /** The lab folder on the student's machine (relative paths and `~/` start at the login's home), fetched over SSH. */
  folder: string | undefined;
}

const REQUIRED = ["student", "name", "host"] as const;
const OPTIONAL = ["user", "port", "identity", "folder"] as const;

// Reads the roster: a header row with student, name, host (and optionally user, port, identity, folder), in
// any order and case. Every problem names its line and says what was expected.
export function parseRoster(text: string, file: string): { entries: RosterEntry[]; notes: string[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw bad(file, `it is not CSV labgrade can read (${(error as Error).message})`);
  }
  const [header, ...rows] = records;
  const columns = (header ?? []).map((c) => c.toLowerCase());
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) throw bad(file, `its first row has ${columns.length ? columns.join(",") : "nothing"}; expected the columns ${REQUIRED.join(",")} (and optionally ${OPTIONAL.join(",")})`);
  const known: readonly string[] = [...REQUIRED, ...OPTIONAL];
  const extra = columns.filter((c) => !known.includes(c));
  const notes = extra.length ? [`the roster's columns ${extra.join(", ")} are not used`] : [];
  const seen = new Map<string, number>();
  const entries = rows.map((cells, index): RosterEntry => {
    const line = index + 2;
    const cell = (name: string) => cells[columns.indexOf(name)]?.trim() || undefined;
    const student = cell("student");
    const host = cell("host");
    if (!student) throw bad(file, `line ${line} has no student id`);
    if (!host) throw bad(file, `line ${line} (${student}) has no host`);
    if (/[\s/@]/.test(host)) throw bad(file, `line ${line} (${student}) has host "${host}"; expected a host name or address alone (the login goes in the user column, the port in port)`);
    const first = seen.get(student);
    if (first !== undefined) throw bad(file, `line ${line} names student ${student} again (first on line ${first}); each student has one machine`);
    seen.set(student, line);
    const portText = cell("port");
    const port = portText === undefined ? 22 : Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65_535) throw bad(file, `line ${line} (${student}) has port "${portText}"; expected a whole number from 1 to 65535`);
    const identity = cell("identity");
    return { student, name: cell("name") ?? "", host, user: cell("user"), port, identity: identity ? path.resolve(path.dirname(file), identity) : undefined, folder: cell("folder") };
  });
  if (entries.length === 0) throw bad(file, "it has a header row and no students");
  return { entries, notes };
}

function bad(file: string, problem: string): HarnessError {
  return new HarnessError("BAD_INPUT", `The roster ${file} cannot be used: ${problem}.`, "A roster is a CSV file with a header row: student,name,host[,user,port,identity,folder], one line per student.");
}
