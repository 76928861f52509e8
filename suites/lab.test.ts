import { describe, inject } from "vitest";
import { gradeStep } from "./step.ts";

// One test per step of the lab graded (LAB: a shipped lab's id or a lab file; the Docker installation lab by
// default), in the lab's order: whatever lab it is, its steps are the suite.
const report = inject("gradeReport");
describe(report.lab ? `${report.lab.id}: ${report.lab.title}` : "the lab", () => {
  for (const step of report.steps) gradeStep(step.id);
});
