import type { ClassChanges } from "../model/class-row.ts";
import { type Cell, csvText } from "./csv-text.ts";

const HEADER = ["student", "name", "old_total", "new_total", "change", "old_status", "new_status", "step", "old_verdict", "new_verdict", "old_points", "new_points", "old_message", "new_message", "old_rubric", "new_rubric", "old_labgrade", "new_labgrade"];

const change = (before: number | null, after: number | null): Cell => (before === null || after === null ? "" : Math.round((after - before) * 100) / 100);

// changes.csv: a line per changed step of each student whose grade moved (one line without a step when only the
// total or status moved), in the order of ClassChanges: grades that went down first.
export function renderChangesCsv(changes: ClassChanges): string {
  const records: Cell[][] = [HEADER];
  for (const c of changes.students) {
    const common: Cell[] = [c.student, c.name, c.before.score, c.after.score, change(c.before.score, c.after.score), c.before.status, c.after.status];
    const tail: Cell[] = [c.before.rubric, c.after.rubric, c.before.labgrade, c.after.labgrade];
    if (c.steps.length === 0) records.push([...common, "", "", "", "", "", "", "", ...tail]);
    for (const s of c.steps) {
      records.push([...common, s.id, s.before?.status ?? "", s.after?.status ?? "", s.before?.points ?? null, s.after?.points ?? null, s.before?.message ?? "", s.after?.message ?? "", ...tail]);
    }
  }
  return csvText(records);
}
