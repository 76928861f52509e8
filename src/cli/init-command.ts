import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HarnessError } from "../errors.ts";
import { loadRubric } from "../lab/rubric-file.ts";
import { DEFAULT_STEPS, type Step } from "../lab/steps.ts";

/** Where the GitHub Classroom workflow goes in a student template repository. */
export const GITHUB_WORKFLOW = ".github/workflows/labgrade.yml";
export const GITHUB_TEMPLATE = fileURLToPath(new URL(`../../templates/github/${GITHUB_WORKFLOW}`, import.meta.url));

export interface InitOptions {
  github?: boolean;
  force?: boolean;
  /** owner/name of the GitHub repository the workflow installs labgrade from. */
  labgradeRepo?: string;
  /** The tag or branch of it that grades. */
  labgradeRef?: string;
  /** A rubric file: the points each step's command grader gives. */
  rubric?: string;
}

// `labgrade init --github [DIR]`: writes the GitHub Classroom workflow into a template repository, never over one.
export async function initCommand(dir: string | undefined, options: InitOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  if (!options.github) throw new HarnessError("BAD_INPUT", "Expected --github: a GitHub Classroom workflow is what `labgrade init` writes.", "Run `labgrade init --github [DIR]`.");
  const root = path.resolve(dir ?? ".");
  const isDir = await stat(root).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new HarnessError("BAD_INPUT", `Expected a repository folder at ${root}; there is none.`, "Pass the folder of the template repository (a clone), or create it first.");
  const target = path.join(root, GITHUB_WORKFLOW);
  const workflow = customizeWorkflow(await readFile(GITHUB_TEMPLATE, "utf8"), options, await loadRubric(options.rubric));
  await mkdir(path.dirname(target), { recursive: true });
  // "wx" fails when the file exists, so a workflow written meanwhile is not lost either.
  await writeFile(target, workflow, { flag: options.force ? "w" : "wx" }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
    throw new HarnessError("BAD_INPUT", `${target} exists; labgrade leaves it as it is.`, "Pass --force to replace it with labgrade's workflow.");
  });
  out.write(
    [
      `Wrote ${target}.`,
      `It installs labgrade from github.com/${valueOf(workflow, "LABGRADE_REPOSITORY")} (${valueOf(workflow, "LABGRADE_REF")}): change LABGRADE_REPOSITORY and LABGRADE_REF there (or pass --labgrade-repo, --labgrade-ref) if the course keeps it elsewhere.`,
      "Students commit app.py, Dockerfile and evidence.json (`npx labgrade collect -o evidence.json`, on the machine where they did the lab) at the top of their repository.",
      "",
    ].join("\n"),
  );
  return 0;
}

// The template with the lab's steps (one command grader each, with the rubric's points) and the repository and
// ref labgrade is installed from. The repository and ref go into a shell command: checked first.
export function customizeWorkflow(template: string, { labgradeRepo, labgradeRef }: Pick<InitOptions, "labgradeRepo" | "labgradeRef">, steps: readonly Step[] = DEFAULT_STEPS): string {
  let text = forEachStep(template, steps);
  if (labgradeRepo !== undefined) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(labgradeRepo)) throw new HarnessError("BAD_INPUT", `Expected --labgrade-repo as owner/name (a GitHub repository); got \`${labgradeRepo}\`.`);
    text = setEnv(text, "LABGRADE_REPOSITORY", labgradeRepo);
  }
  if (labgradeRef !== undefined) {
    if (!/^[\w][\w./-]*$/.test(labgradeRef)) throw new HarnessError("BAD_INPUT", `Expected --labgrade-ref as a tag or branch name; got \`${labgradeRef}\`.`);
    text = setEnv(text, "LABGRADE_REF", labgradeRef);
  }
  return text;
}

// `# labgrade:for-each-step` … `# labgrade:end` repeats its lines once per step; __STEPS__ lists them all.
function forEachStep(template: string, steps: readonly Step[]): string {
  const quoted = (text: string) => text.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
  const expand = (block: string, step: Step) =>
    block.replaceAll("__STEP_ENV__", step.id.toUpperCase()).replaceAll("__STEP__", step.id).replaceAll("__POINTS__", String(step.points)).replaceAll("__TITLE__", quoted(step.title));
  return template
    .replace(/^[ \t]*# labgrade:for-each-step[^\n]*\n([\s\S]*?)^[ \t]*# labgrade:end\n/gm, (_, block: string) => steps.map((step) => expand(block, step)).join(""))
    .replaceAll("__STEPS__", steps.map((s) => s.id).join(","));
}

const envLine = (name: string) => new RegExp(`^(  ${name}: ).*$`, "m");
const setEnv = (text: string, name: string, value: string) => text.replace(envLine(name), `$1${value}`);
const valueOf = (text: string, name: string) => envLine(name).exec(text)?.[0].split(": ")[1] ?? "?";
