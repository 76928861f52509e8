import { cp, mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";

export interface AutograderRun {
  /** labgrade's checkout, linked as source/labgrade as the zip ships it. */
  checkout: string;
  /** A wheel cache, linked as source/wheels. */
  wheels: string;
  /** The stand-in /autograder. */
  root: string;
  /** The hand-in, copied to submission/. */
  handIn: string;
  /** Lines of source/labgrade-gradescope.env. */
  env: string[];
  /** A lab folder shipped beside labgrade, as source/labgrade-lab (LABGRADE_LAB_DIR names it). */
  labDir?: string;
}

// Gradescope's own entry point (templates/gradescope/run_autograder) in a stand-in /autograder: returns what it
// exited with and printed, and results/results.json's text when it wrote one.
export async function runAutograder(run: AutograderRun): Promise<{ exitCode: number | undefined; output: string; results: string | null }> {
  const source = path.join(run.root, "source");
  await mkdir(source, { recursive: true });
  await symlink(run.checkout, path.join(source, "labgrade"));
  await symlink(run.wheels, path.join(source, "wheels"));
  if (run.labDir) await symlink(run.labDir, path.join(source, "labgrade-lab"));
  await writeFile(path.join(source, "labgrade-gradescope.env"), run.env.map((line) => `${line}\n`).join(""));
  await cp(run.handIn, path.join(run.root, "submission"), { recursive: true });
  const ran = await execa("bash", [path.join(run.checkout, "templates", "gradescope", "run_autograder")], { env: { ...process.env, LABGRADE_AUTOGRADER_ROOT: run.root }, reject: false, all: true, timeout: 300_000 });
  const results = await readFile(path.join(run.root, "results", "results.json"), "utf8").catch(() => null);
  return { exitCode: ran.exitCode, output: String(ran.all ?? ""), results };
}
