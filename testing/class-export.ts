import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import yazl from "yazl";
import type { StepStatus } from "../src/lab/check-result.ts";
import { HANDOUT_FILES } from "./lab/lab-steps.ts";
import { submissionFixtures, handoutWalk } from "./fixtures.ts";

/** One student of a generated class: the files they hand in, and the verdicts they must get. */
export interface ClassStudent {
  /** The Canvas-style name of their upload (`doejohn_1001_5001_lab.zip`), or of each flat file's prefix. */
  upload: string;
  files: Record<string, string | Buffer>;
  expected: Record<string, StepStatus>;
  /** Hand the files in flat, as Canvas lists several uploads, rather than zipped. */
  flat?: boolean;
}

const ENGINE_STEPS = ["docker-engine", "hello-world-ran", "mycontainer-created", "mycontainer-started", "hello-world-removed", "pythonapp-image", "python-image-removed"];

// A student who hands in a submission fixture, with the recorded walk it names as their evidence.json.
export function fixtureStudent(upload: string, fixture: string, walk?: string): ClassStudent {
  const found = submissionFixtures().find((f) => f.name === fixture);
  if (!found) throw new Error(`no submission fixture ${fixture}`);
  const evidenceDir = walk ? handoutWalk(walk) : path.dirname(found.evidenceFile);
  const files: Record<string, Buffer> = {};
  for (const name of readdirSync(found.dir)) if (!["expected.json", "evidence.json"].includes(name)) files[name] = readFileSync(path.join(found.dir, name));
  files["evidence.json"] = readFileSync(path.join(evidenceDir, "evidence.json"));
  const walkSteps = (JSON.parse(readFileSync(path.join(evidenceDir, "expected.json"), "utf8")) as { steps: Record<string, StepStatus> }).steps;
  const expected = { ...found.steps };
  for (const id of ENGINE_STEPS) expected[id] = walkSteps[id]!;
  return { upload, files, expected };
}

// The handout's app with no evidence.json: the app steps pass, the engine steps fail (nothing to judge them by).
export function handoutWithoutEvidence(upload: string): ClassStudent {
  const expected: Record<string, StepStatus> = Object.fromEntries(ENGINE_STEPS.map((id) => [id, "failed" as const]));
  for (const id of ["pythonapp-dockerfile", "pythonapp-build", "pythonapp-output", "pythonapp-plot"]) expected[id] = "passed";
  return { upload, files: { ...HANDOUT_FILES }, expected, flat: true };
}

// An LMS export zip of per-student zips (each holding a `lab/` folder), or of flat files, as Canvas gives them.
export async function writeCanvasExport(file: string, students: ClassStudent[]): Promise<void> {
  const outer = new yazl.ZipFile();
  for (const s of students) {
    if (s.flat) {
      let attachment = 7000;
      for (const [name, content] of Object.entries(s.files)) outer.addBuffer(Buffer.from(content), `${s.upload}_${attachment++}_${name}`);
    } else {
      outer.addBuffer(await zipOf(s.files, "lab/"), s.upload);
    }
  }
  await writeFile(file, await finish(outer));
}

function zipOf(files: Record<string, string | Buffer>, prefix: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), prefix + name);
  return finish(zip);
}

function finish(zip: yazl.ZipFile): Promise<Buffer> {
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}
