import { access, readFile } from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { HarnessError } from "../errors.ts";
import type { Lab } from "../lab/lab.ts";
import { compileLab } from "./compile-lab.ts";
import type { LabFileData } from "./lab-file-data.ts";
import { describeProblems, fieldName, type LabProblem, placeOf } from "./lab-problems.ts";
import { schemaProblems } from "./schema-problems.ts";

const HINT = "Fix the lab file as each line says (docs/authoring.md describes every field), then check it with `labgrade lab check FILE`.";

// Reads a lab file: YAML (anchors and merge keys allowed), held to the published schema, then compiled. A file
// with problems is refused with every problem placed at its line and field: a lab is course staff's input.
export async function readLab(file: string): Promise<Lab> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new HarnessError("BAD_INPUT", `Could not read the lab file ${file}: ${error.code ?? error.message}.`, "Name a lab by its id (`labgrade labs` lists them) or by the path of its lab.yaml.");
  });
  const result = await parseLab(text, file);
  if ("problems" in result) throw new HarnessError("BAD_INPUT", `The lab file ${file} has ${result.problems.length === 1 ? "a problem" : `${result.problems.length} problems`}:\n${describeProblems(file, result.problems)}`, HINT);
  return result.lab;
}

// The same, from text: every problem found, or the lab.
export async function parseLab(text: string, file: string): Promise<{ lab: Lab } | { problems: LabProblem[] }> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => ({ ...(e.linePos?.[0] ? { line: e.linePos[0].line, column: e.linePos[0].col } : { line: 1, column: 1 }), field: "YAML", message: e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "") })) };
  }
  const data = doc.toJS({ maxAliasCount: 1000 }) as unknown;
  const version = (data as { schema?: unknown } | null)?.schema;
  if (typeof version === "string" && /^labgrade\.lab\/\d+$/.test(version) && version !== "labgrade.lab/1") {
    return { problems: [{ ...placeOf(doc, lines, ["schema"]), field: "schema", message: `this lab is written for ${version}, and this labgrade reads labgrade.lab/1: update labgrade` }] };
  }
  const problems = schemaProblems(data, doc, lines);
  if (problems.length > 0) return { problems };
  const lab = data as LabFileData;
  const { files, absent } = await namedFiles(lab, path.dirname(file));
  const compiled = await compileLab(lab, { text, file: path.resolve(file), files, absent });
  if ("problems" in compiled) return { problems: compiled.problems.map((p) => ({ ...placeOf(doc, lines, p.path), field: fieldName(p.path), message: p.message })).sort((a, b) => a.line - b.line || a.column - b.column) };
  return compiled;
}

// The files a lab names beside itself (the handout's files, its checks), read once: they are part of its digest. Its
// handout (unless a link) need only be there.
async function namedFiles(lab: LabFileData, dir: string): Promise<{ files: Map<string, string>; absent: Set<string> }> {
  const names = [...(lab.app?.handout_files ?? []), ...lab.steps.flatMap((s) => (s.expect.check ? [(s.expect.check as { file: string }).file] : []))];
  const files = new Map<string, string>();
  const absent = new Set<string>();
  for (const name of names) {
    const text = await readFile(path.resolve(dir, name), "utf8").catch(() => null);
    if (text !== null) files.set(name, text);
    else absent.add(name);
  }
  const handout = lab.handout;
  if (handout !== undefined && !/^[a-z][a-z0-9+.-]+:/i.test(handout) && !(await access(path.resolve(dir, handout)).then(() => true, () => false))) absent.add(handout);
  return { files, absent };
}
