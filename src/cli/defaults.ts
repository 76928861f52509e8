import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REFERENCE_SUBMISSION = fileURLToPath(new URL("../../fixtures/submissions/reference/", import.meta.url));

// The submission a student means: LAB_SUBMISSION, else ./submission when present, else the bundled reference.
export function defaultSubmission(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  if (env.LAB_SUBMISSION) return path.resolve(cwd, env.LAB_SUBMISSION);
  const local = path.join(cwd, "submission");
  return existsSync(local) ? local : REFERENCE_SUBMISSION;
}
