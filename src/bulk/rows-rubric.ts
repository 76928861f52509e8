import type { ClassRow } from "../model/class-row.ts";
import { type Step, stepOf } from "../lab/steps.ts";

// The rubric a class's rows were graded with, as the rows carry it (a step's maxPoints is its rubric points);
// undefined when no row reached the steps.
export function stepsOfRows(rows: Iterable<ClassRow>): Step[] | undefined {
  const graded = [...rows].find((r) => r.steps.length > 0);
  return graded?.steps.map((s) => stepOf(s.id, s.title, s.maxPoints));
}
