import type { Lab, Step } from "../lab/lab.ts";
import type { ClassRow } from "../model/class-row.ts";

// The rubric a class's rows were graded with, as the rows carry it (a step's maxPoints is its rubric points);
// undefined when no row reached the steps. A row from before rows kept each step's kind takes it from the lab.
export function stepsOfRows(rows: Iterable<ClassRow>, lab: Pick<Lab, "steps">): Step[] | undefined {
  const graded = [...rows].find((r) => r.steps.length > 0);
  return graded?.steps.map((s) => ({ id: s.id, title: s.title, points: s.maxPoints, kind: s.kind ?? lab.steps.find((l) => l.id === s.id)?.kind ?? "app" }));
}
