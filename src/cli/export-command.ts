import path from "node:path";
import { classReport } from "../bulk/class-report.ts";
import { readClassFolder } from "../bulk/class-folder.ts";
import { stepsOfRows } from "../bulk/rows-rubric.ts";
import { HarnessError } from "../errors.ts";
import type { CanvasAssignment } from "../reports/canvas-assignment.ts";
import { lmsRefusal, writeLmsFiles } from "../reports/write-lms-files.ts";
import { loadRubric } from "../lab/rubric-file.ts";
import type { SuspiciousPolicy } from "../model/class-row.ts";
import { labRef } from "../lab/lab.ts";
import { classLab } from "./class-lab.ts";
import type { LabFlags } from "./lab-option.ts";


import { type LmsInputFlags, readLmsInputs } from "./lms-input-options.ts";

export interface ExportOptions extends LabFlags, LmsInputFlags {
  assignment?: CanvasAssignment;
  rubric?: string;
  /** As the class was graded (`bulk --suspicious`): a row held for review gets no grade in the import. */
  suspicious?: SuspiciousPolicy;
}

// `labgrade export canvas|moodle DIR`: the LMS import files of a class graded before, written into its folder.
// Exit 0 when every file was written; 1 when one could not be (with why).
export async function exportCommand(lms: string, dir: string, options: ExportOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (lms !== "canvas" && lms !== "moodle") throw new HarnessError("BAD_INPUT", `Expected the LMS to be canvas or moodle; got "${lms}".`, "Gradescope and GitHub Classroom take labgrade's points directly: see the README's section on LMS import files.");
  if (lms === "canvas" && !options.assignment) {
    throw new HarnessError("BAD_INPUT", "Expected --assignment naming the Canvas assignment as its gradebook export does: \"<title> (<assignment id>)\".", "Export Canvas's gradebook once and copy the assignment's column header, e.g. --assignment \"Lab 1 (12345)\".");
  }
  const inputs = await readLmsInputs(options);
  const classDir = path.resolve(dir);
  const rows = await readClassFolder(classDir);
  const lab = await classLab(rows, options, env);
  const steps = options.rubric ? await loadRubric(options.rubric, lab) : (stepsOfRows(rows, lab) ?? (await loadRubric(undefined, lab)));
  const report = classReport(rows, steps, { title: `labgrade: ${path.basename(classDir)}`, generatedAt: new Date(), suspicious: options.suspicious ?? "keep", lab: labRef(lab) });
  const refusal = lmsRefusal(report, lms);
  if (refusal) throw new HarnessError("BAD_INPUT", refusal);
  const { written, failures, notes } = await writeLmsFiles(report, classDir, lms === "canvas" ? { canvas: options.assignment! } : { moodle: true }, inputs);
  process.stdout.write(`Wrote ${written.join(", ")}\n`);
  for (const line of notes) process.stderr.write(`note: ${line}\n`);
  for (const f of failures) process.stderr.write(`labgrade could not write ${f.file}: ${f.error}\n`);
  return failures.length ? 1 : 0;
}
