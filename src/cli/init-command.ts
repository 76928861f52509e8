import { cp, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HarnessError } from "../errors.ts";
import type { Lab, Step } from "../lab/lab.ts";
import { loadRubric } from "../lab/rubric-file.ts";
import { gradingFiles, LABS_DIR, labFolder } from "../labfile/index.ts";
import { type LabFlags, labFrom } from "./lab-option.ts";

/** Where the GitHub Classroom workflow goes in a student template repository. */
export const GITHUB_WORKFLOW = ".github/workflows/labgrade.yml";
export const GITHUB_TEMPLATE = fileURLToPath(new URL(`../../templates/github/${GITHUB_WORKFLOW}`, import.meta.url));
/** A lab of the course's own is copied into the template repository here, for the workflow to grade with. */
export const REPOSITORY_LAB = ".github/labgrade-lab";

export interface InitOptions extends LabFlags {
  github?: boolean;
  force?: boolean;
  /** owner/name of the GitHub repository the workflow installs labgrade from. */
  labgradeRepo?: string;
  /** The tag or branch of it that grades. */
  labgradeRef?: string;
  /** A rubric file: the points each step's command grader gives. */
  rubric?: string;
}

// `labgrade init --github [DIR]`: writes the GitHub Classroom workflow of a lab into a template repository, never
// over one. A lab labgrade ships is named by its id; a lab of the course's own is copied in beside the workflow.
export async function initCommand(dir: string | undefined, options: InitOptions, out: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (!options.github) throw new HarnessError("BAD_INPUT", "Expected --github: a GitHub Classroom workflow is what `labgrade init` writes.", "Run `labgrade init --github [DIR]`.");
  const root = path.resolve(dir ?? ".");
  const isDir = await stat(root).then((s) => s.isDirectory(), () => false);
  if (!isDir) throw new HarnessError("BAD_INPUT", `Expected a repository folder at ${root}; there is none.`, "Pass the folder of the template repository (a clone), or create it first.");
  const lab = await labFrom(options, env);
  // A lab labgrade ships is in every install of it; any other is copied in.
  const shipped = path.resolve(labFolder(lab)).startsWith(path.resolve(LABS_DIR) + path.sep);
  const target = path.join(root, GITHUB_WORKFLOW);
  const workflow = customizeWorkflow(await readFile(GITHUB_TEMPLATE, "utf8"), options, await loadRubric(options.rubric, lab), { lab, ref: shipped ? lab.id : REPOSITORY_LAB });
  if (!options.force && (await stat(target).then(() => true, () => false))) throw exists(target);
  // The lab first: a repository whose lab could not be copied gets no workflow that would grade with it.
  if (!shipped) await copyLab(lab, path.join(root, REPOSITORY_LAB));
  await mkdir(path.dirname(target), { recursive: true });
  // "wx" fails when the file exists, so a workflow written meanwhile is not lost either.
  await writeFile(target, workflow, { flag: options.force ? "w" : "wx" }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
    throw exists(target);
  });
  out.write(
    [
      `Wrote ${target}${shipped ? "" : ` and copied the lab ${lab.id} into ${path.join(root, REPOSITORY_LAB)}`}.`,
      `It grades the lab ${lab.id} and installs labgrade from github.com/${valueOf(workflow, "LABGRADE_REPOSITORY")} (${valueOf(workflow, "LABGRADE_REF")}): change LABGRADE_REPOSITORY and LABGRADE_REF there (or pass --labgrade-repo, --labgrade-ref) if the course keeps it elsewhere.`,
      `Students commit their lab folder's files and evidence.json (\`npx labgrade collect --lab ${shipped ? lab.id : REPOSITORY_LAB} -o evidence.json\` in their clone of the repository, on the machine where they did the lab) at its top.`,
      "",
    ].join("\n"),
  );
  return 0;
}

const exists = (target: string) => new HarnessError("BAD_INPUT", `${target} exists; labgrade leaves it as it is.`, "Pass --force to replace it with labgrade's workflow.");

// The template with the lab's steps (one command grader each, with the rubric's points), the lab it grades, and the
// repository and ref labgrade is installed from. The repository and ref go into a shell command: checked first.
export function customizeWorkflow(template: string, { labgradeRepo, labgradeRef }: Pick<InitOptions, "labgradeRepo" | "labgradeRef">, steps: readonly Step[], graded: { lab: Pick<Lab, "id" | "title">; ref: string }): string {
  let text = forEachStep(template, steps).replaceAll("__LAB_TITLE__", graded.lab.title.replace(/["\n]/g, "")).replaceAll("__LAB__", graded.ref);
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

// A lab of the course's own, as the workflow needs it: its file and what it names (checks, handout files), not its
// walks or hand-ins.
async function copyLab(lab: Lab, into: string): Promise<void> {
  const from = labFolder(lab);
  for (const file of gradingFiles(lab)) {
    await mkdir(path.dirname(path.join(into, file)), { recursive: true });
    await cp(path.join(from, file), path.join(into, file));
  }
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
