import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HarnessError } from "../errors.ts";
import type { Lab } from "../lab/lab.ts";
import { readLab } from "./read-lab.ts";

/** The labs labgrade ships, a folder each: `labs/<id>/lab.yaml`. */
export const LABS_DIR = fileURLToPath(new URL("../../labs/", import.meta.url));
/** The lab every command grades when none is named: the Docker installation handout. */
export const DEFAULT_LAB = "docker-install";
export const LAB_FILE = "lab.yaml";

const loaded = new Map<string, Promise<Lab>>();

// `--lab ID|PATH`: a shipped lab by its id, or a lab file (or the folder holding lab.yaml) by its path.
export function loadLab(ref: string = DEFAULT_LAB, cwd: string = process.cwd()): Promise<Lab> {
  const file = labFile(ref, cwd);
  let lab = loaded.get(file);
  if (!lab) {
    lab = readLab(file);
    loaded.set(file, lab);
    lab.catch(() => loaded.delete(file));
  }
  return lab;
}

export function labFile(ref: string, cwd: string = process.cwd()): string {
  const asPath = path.resolve(cwd, ref);
  const looksLikePath = /[\\/]/.test(ref) || /\.ya?ml$/i.test(ref) || ref.startsWith(".");
  if (existsSync(asPath) && (looksLikePath || !existsSync(path.join(LABS_DIR, ref)))) {
    return statSync(asPath).isDirectory() ? path.join(asPath, LAB_FILE) : asPath;
  }
  if (!looksLikePath && existsSync(path.join(LABS_DIR, ref, LAB_FILE))) return path.join(LABS_DIR, ref, LAB_FILE);
  const known = shippedLabIds();
  throw new HarnessError(
    "BAD_INPUT",
    looksLikePath ? `Expected a lab file at ${asPath}; found nothing there.` : `Expected a lab id or a lab file; found "${ref}", which is neither (labgrade ships ${known.map((id) => `\`${id}\``).join(", ")}).`,
    "Name a shipped lab by its id (`labgrade labs` lists them), or your own by the path of its lab.yaml.",
  );
}

/** The ids of the labs labgrade ships. */
export function shippedLabIds(): string[] {
  if (!existsSync(LABS_DIR)) return [];
  return readdirSync(LABS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(path.join(LABS_DIR, e.name, LAB_FILE)))
    .map((e) => e.name)
    .sort();
}

/** The folder a lab was read from: its reference hand-in, walks and fixtures are there. */
export const labFolder = (lab: Pick<Lab, "file">): string => path.dirname(lab.file);

/** The lab's reference hand-in, graded when no submission is named: `<lab folder>/reference/`. */
export const referenceOf = (lab: Pick<Lab, "file">): string => path.join(labFolder(lab), "reference");

// The files of a lab's folder grading reads, relative to it with "/" between parts: the lab file, its handout when
// it is a file there, and the files it names (the handout's files, its own checks). What a Gradescope zip or a
// Classroom repository carries; its walks and hand-ins stay behind.
export function gradingFiles(lab: Pick<Lab, "file" | "handout" | "files">): string[] {
  const folder = labFolder(lab);
  const handout = lab.handout && !/^[a-z][a-z0-9+.-]*:/i.test(lab.handout) && existsSync(path.resolve(folder, lab.handout)) ? [lab.handout] : [];
  const files = [...new Set([path.basename(lab.file), ...handout, ...lab.files].map((file) => path.relative(folder, path.resolve(folder, file)).split(path.sep).join("/")))].sort();
  const outside = files.filter((file) => file.startsWith("../") || path.isAbsolute(file));
  if (outside.length > 0) throw new HarnessError("BAD_INPUT", `Expected the files the lab ${lab.file} names inside its folder, to carry it with them; found ${outside.map((f) => `\`${f}\``).join(", ")} outside it.`, "Move them into the lab's folder (beside lab.yaml) and name them from there.");
  return files;
}
