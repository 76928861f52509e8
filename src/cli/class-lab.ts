import { HarnessError } from "../errors.ts";
import type { Lab } from "../lab/lab.ts";
import { DEFAULT_LAB, loadLab, shippedLabIds } from "../labfile/index.ts";
import type { ClassRow } from "../model/class-row.ts";
import { type LabFlags, labFrom } from "./lab-option.ts";

// The lab a class folder was graded with, for the commands that read one (export, merge): --lab when given,
// else the lab its rows name (rows from before labs were files name none: the Docker installation lab). A lab
// labgrade does not ship is known from its rows alone (each keeps its steps' kinds); its ids must agree.
export async function classLab(rows: readonly ClassRow[], options: LabFlags, env: NodeJS.ProcessEnv = process.env): Promise<Pick<Lab, "id" | "title" | "digest" | "steps">> {
  const ids = [...new Set(rows.map((r) => r.lab?.id ?? DEFAULT_LAB))];
  if (ids.length > 1) throw new HarnessError("BAD_INPUT", `Expected one lab's class; found rows of the labs ${ids.join(", ")}.`, "Export or merge each lab's class from its own folders.");
  if (options.lab || env.LABGRADE_LAB) {
    const lab = await labFrom(options, env);
    if (ids[0] !== undefined && ids[0] !== lab.id) throw new HarnessError("BAD_INPUT", `Expected a class of the lab ${lab.id}; its rows were graded with the lab ${ids[0]}.`, `Pass --lab ${ids[0]} (or its lab file), or the folder of the ${lab.id} class.`);
    return lab;
  }
  const id = ids[0] ?? DEFAULT_LAB;
  if (shippedLabIds().includes(id)) return loadLab(id);
  const ref = rows.find((r) => r.lab)?.lab;
  return { id, title: ref?.title ?? id, digest: ref?.digest ?? "", steps: [] };
}
