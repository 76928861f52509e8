import { existsSync } from "node:fs";
import path from "node:path";
import type { Lab } from "../lab/lab.ts";
import { referenceOf } from "../labfile/index.ts";

// The submission a student means: LAB_SUBMISSION, else ./submission when present, else the lab's reference hand-in.
export function defaultSubmission(lab: Pick<Lab, "file">, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env.LAB_SUBMISSION) return path.resolve(cwd, env.LAB_SUBMISSION);
  const local = path.join(cwd, "submission");
  return existsSync(local) ? local : referenceOf(lab);
}
