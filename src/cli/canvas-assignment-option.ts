import { InvalidArgumentError } from "commander";
import { type CanvasAssignment, parseCanvasAssignment } from "../reports/canvas-assignment.ts";
import { canvasDroppedTitle } from "../reports/canvas-title.ts";

// commander argParser for --canvas-assignment / --assignment: Canvas matches the column by the id in parentheses, and
// drops a column whose header holds one of its totals' names.
export function canvasAssignment(raw: string): CanvasAssignment {
  const parsed = parseCanvasAssignment(raw);
  if (!parsed) throw new InvalidArgumentError(`Expected the Canvas assignment as its gradebook export names the column, "<title> (<assignment id>)", e.g. "Lab 1 (12345)"; got "${raw}".`);
  const dropped = canvasDroppedTitle(`${parsed.title} (${parsed.id})`);
  if (dropped) throw new InvalidArgumentError(`Expected an assignment title Canvas's gradebook import reads; ${dropped}. Rename the assignment in Canvas (its id stays ${parsed.id}), or push the grades with \`labgrade push canvas\`, which does not go through the import.`);
  return parsed;
}
