import { InvalidArgumentError } from "commander";
import { type CanvasAssignment, parseCanvasAssignment } from "../reports/canvas-grades.ts";

// commander argParser for --canvas-assignment / --assignment: Canvas matches the column by the id in parentheses.
export function canvasAssignment(raw: string): CanvasAssignment {
  const parsed = parseCanvasAssignment(raw);
  if (!parsed) throw new InvalidArgumentError(`Expected the Canvas assignment as its gradebook export names the column, "<title> (<assignment id>)", e.g. "Lab 1 (12345)"; got "${raw}".`);
  return parsed;
}
