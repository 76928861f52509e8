import { readFile } from "node:fs/promises";
import { HarnessError } from "../errors.ts";
import { type Lab, rubricSteps, type Step } from "./lab.ts";

const RUBRIC_SCHEMA = "labgrade.rubric/1";

// An instructor's rubric file changes a lab's points: {"points": {"pythonapp-output": 20, "python-image-removed": 0}}.
// Rubric files are kept from term to term and name no lab: their step ids are checked against the lab graded.
export function parseRubric(text: string, source: string, lab: Pick<Lab, "id" | "steps">): Step[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new HarnessError("BAD_INPUT", `Expected ${source} to be JSON; ${(error as Error).message}.`);
  }
  const schema = (data as { schema?: unknown })?.schema;
  // An unversioned file is version 1; a newer one is refused by name.
  if (schema !== undefined && schema !== RUBRIC_SCHEMA) {
    throw new HarnessError("BAD_INPUT", `Expected ${source} to be a ${RUBRIC_SCHEMA} rubric; found schema ${JSON.stringify(schema)}.`, "Update labgrade, or write the file for this version: {\"schema\": \"labgrade.rubric/1\", \"points\": {…}}.");
  }
  const points = (data as { points?: unknown })?.points;
  if (typeof points !== "object" || points === null || Array.isArray(points)) {
    throw new HarnessError("BAD_INPUT", `Expected ${source} to hold {"points": {"<step id>": <points>}}; found ${JSON.stringify(data).slice(0, 80)}.`);
  }
  const overrides = points as Record<string, unknown>;
  const steps = rubricSteps(lab);
  const ids = steps.map((s) => s.id);
  for (const [id, value] of Object.entries(overrides)) {
    if (!ids.includes(id)) throw new HarnessError("BAD_INPUT", `Unknown step id "${id}" in ${source} for the lab ${lab.id}. Known ids: ${ids.join(", ")}.`, "Check the rubric is for this lab (`--lab`), and the step id's spelling.");
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new HarnessError("BAD_INPUT", `Expected the points of "${id}" in ${source} to be a number of 0 or more; found ${JSON.stringify(value)}.`);
    }
  }
  return steps.map((step) => ({ ...step, points: (overrides[step.id] as number | undefined) ?? step.points }));
}

export async function loadRubric(path: string | undefined, lab: Pick<Lab, "id" | "steps">): Promise<Step[]> {
  if (!path) return rubricSteps(lab);
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new HarnessError("BAD_INPUT", `Could not read the rubric file ${path}: ${error.code ?? error.message}.`);
  });
  return parseRubric(text, path, lab);
}
