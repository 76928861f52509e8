import type { ClassRow } from "../model/class-row.ts";
import type { Step } from "../rubric/steps.ts";

// The rubric a class's rows were graded with, as the rows carry it (a step's maxPoints is its rubric points);
// undefined when no row reached the steps.
export function stepsOfRows(rows: Iterable<ClassRow>): Step[] | undefined {
  const graded = [...rows].find((r) => r.steps.length > 0);
  return graded?.steps.map((s) => ({ id: s.id, title: s.title, points: s.maxPoints }));
}
