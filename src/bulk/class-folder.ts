import { stat } from "node:fs/promises";
import path from "node:path";
import { HarnessError } from "../errors.ts";
import type { ClassRow } from "../model/class-row.ts";
import { JOURNAL_FILE, readJournal } from "./journal.ts";
import { readPlan } from "./plan.ts";

// The rows of a class output folder (a `labgrade bulk --out` folder): its journal's newest row of each student the
// folder's plan names (every row for a folder written before plans).
export async function readClassFolder(dir: string): Promise<ClassRow[]> {
  const found = await stat(path.join(dir, JOURNAL_FILE)).catch(() => null);
  if (!found) {
    throw new HarnessError("BAD_INPUT", `Expected ${dir} to be the output folder of \`labgrade bulk\` (with ${JOURNAL_FILE}); it has no journal.`, "Pass the folder you gave `labgrade bulk --out`.");
  }
  const { rows } = await readJournal(path.join(dir, JOURNAL_FILE));
  const plan = await readPlan(dir);
  return [...rows.values()].filter((row) => !plan || plan.students.includes(row.student));
}
