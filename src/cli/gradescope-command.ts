import { createWriteStream } from "node:fs";
import { mkdir, readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { HarnessError } from "../errors.ts";
import { GRADESCOPE_VISIBILITIES } from "../reports/gradescope.ts";
import { DEFAULT_SANDBOX } from "../runners/app-runner.ts";
import { shippedFiles } from "../shipped-files.ts";
import { type Lab, rubricSteps } from "../lab/lab.ts";
import { gradingFiles, labFolder } from "../labfile/index.ts";
import { collectCommandFor, studentLabRef } from "./collect-line.ts";
import { type LabFlags, labFrom } from "./lab-option.ts";

const PROJECT = fileURLToPath(new URL("../../", import.meta.url));
const TEMPLATES = path.join(PROJECT, "templates", "gradescope");
/** What npm needs to install labgrade's dependencies there (setup.sh), beside the files labgrade runs from. */
const PACKAGE_FILES = ["package.json", "package-lock.json", "tsconfig.json"];
/** Where the lab graded sits in the zip; run_autograder grades with it. */
const LAB_IN_ZIP = "labgrade-lab";

export interface GradescopeCommandOptions extends LabFlags {
  out: string;
  wheels?: string;
  visibility?: string;
  timeout?: number;
  memory?: number;
  /** The class's rules for evidence files, passed to every grade the autograder runs. */
  requireEvidence?: 1 | 2;
  window?: { start: Date; end: Date };
}

export interface ZipEntry {
  /** The path inside the zip. */
  name: string;
  data: Buffer;
  executable: boolean;
}

// `labgrade gradescope --out autograder.zip`: the zip Gradescope's "Configure Autograder" page takes.
export async function gradescopeCommand(options: GradescopeCommandOptions, out: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const lab = await labFrom(options, env);
  const entries = await autograderEntries(options, lab);
  const file = path.resolve(options.out);
  await writeZip(file, entries);
  out.write(
    `Wrote ${file} (${entries.length} files). Upload it on the assignment's Configure Autograder page (base image: Ubuntu).\n` +
      `It grades the lab ${lab.id} (${lab.title}). Students submit their lab folder with the evidence.json that \`${collectCommandFor(studentLabRef(lab))}\` writes on the machine where they did the lab.\n` +
      (options.wheels ? "" : "The autograder makes its wheel cache while Gradescope builds it (setup.sh: PyPI, else Ubuntu's python3-numpy and python3-matplotlib).\n") +
      servicesNote(lab),
  );
  return 0;
}

// Gradescope's autograder has no Docker engine: a step that starts the hand-in's services is not judged there.
function servicesNote(lab: Lab): string {
  const steps = rubricSteps(lab).filter((s) => s.expect === "compose_up" || s.expect === "http");
  if (steps.length === 0) return "";
  const points = steps.reduce((sum, s) => sum + s.points, 0);
  return `Note: ${steps.map((s) => `\`${s.id}\``).join(", ")} (${points} of ${rubricSteps(lab).reduce((sum, s) => sum + s.points, 0)} points) start the hand-in's services, which needs a Docker engine; Gradescope's autograder has none, so they are not judged there and earn 0. Grade them on a machine with an engine (\`labgrade bulk\` on Gradescope's export), or tell students they are graded apart.\n`;
}

// Everything the zip holds, at the paths Gradescope expects: setup.sh and run_autograder at its root.
async function autograderEntries(options: Omit<GradescopeCommandOptions, "out">, lab: Lab): Promise<ZipEntry[]> {
  const visibility = options.visibility ?? "visible";
  if (!(GRADESCOPE_VISIBILITIES as readonly string[]).includes(visibility)) {
    throw new HarnessError("BAD_INPUT", `Expected --visibility to be one of ${GRADESCOPE_VISIBILITIES.join(", ")}; got "${visibility}".`);
  }
  const timeout = options.timeout ?? DEFAULT_SANDBOX.timeoutMs / 1000;
  const memory = options.memory ?? DEFAULT_SANDBOX.memoryBytes / 1024 / 1024;
  const window = options.window ? `${options.window.start.toISOString()}..${options.window.end.toISOString()}` : "";
  const settings = `LABGRADE_VISIBILITY=${visibility}\nLABGRADE_TIMEOUT=${timeout}\nLABGRADE_MEMORY=${memory}\nLABGRADE_LAB_DIR=${LAB_IN_ZIP}\nLABGRADE_REQUIRE_EVIDENCE=${options.requireEvidence ?? ""}\nLABGRADE_WINDOW=${window}\n`;
  const entries: ZipEntry[] = [
    { name: "setup.sh", data: await readFile(path.join(TEMPLATES, "setup.sh")), executable: true },
    { name: "run_autograder", data: await readFile(path.join(TEMPLATES, "run_autograder")), executable: true },
    { name: "labgrade-gradescope.env", data: Buffer.from(settings), executable: false },
  ];
  for (const relative of [...PACKAGE_FILES, ...shippedFiles()]) {
    entries.push({ name: `labgrade/${relative}`, data: await readFile(path.join(PROJECT, relative)), executable: relative === "bin/labgrade.js" });
  }
  const folder = labFolder(lab);
  for (const relative of gradingFiles(lab)) {
    entries.push({ name: `${LAB_IN_ZIP}/${relative}`, data: await readFile(path.join(folder, relative)), executable: false });
  }
  if (options.wheels) {
    const wheels = (await readdir(options.wheels).catch(() => [] as string[])).filter((f) => f.endsWith(".whl") || f === "labgrade-wheels.json");
    if (!wheels.some((f) => f.endsWith(".whl"))) throw new HarnessError("BAD_INPUT", `Expected wheels in ${options.wheels}; there are none.`, "Make them with `npx labgrade wheels --dir DIR`.");
    for (const file of wheels.sort()) entries.push({ name: `wheels-shipped/${file}`, data: await readFile(path.join(options.wheels, file)), executable: false });
  }
  return entries;
}

// yazl is loaded here only: the rest of labgrade runs without it (Gradescope installs production dependencies).
async function writeZip(file: string, entries: readonly ZipEntry[]): Promise<void> {
  const { ZipFile } = await import("yazl");
  await mkdir(path.dirname(file), { recursive: true });
  const zip = new ZipFile();
  const mtime = new Date("2000-01-01T00:00:00Z");
  for (const entry of entries) zip.addBuffer(entry.data, entry.name, { mode: entry.executable ? 0o100755 : 0o100644, mtime });
  zip.end();
  await new Promise<void>((resolve, reject) => {
    const stream = createWriteStream(file);
    zip.outputStream.pipe(stream).on("close", resolve).on("error", reject);
    zip.outputStream.on("error", reject);
  });
}
