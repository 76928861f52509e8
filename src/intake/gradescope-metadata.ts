import { parseDocument } from "yaml";
import { HarnessError } from "../errors.ts";

// Gradescope "Export submissions" gives one `submission_<id>/` folder per submission and this file, written
// by Ruby: `submission_<id>: {":submitters": [{":name", ":sid", ":email"}], ":score", …}`. Keys keep the
// symbol's colon; plain keys are read too, for exports re-saved by other tools.
export const GRADESCOPE_METADATA = "submission_metadata.yml";

const SUBMISSION_FOLDER = /^submission_\d+$/;

export interface GradescopeSubmission {
  /** The first submitter's sid, else their email, else the folder name `submission_<id>`. */
  student: string;
  /** The submitters' names, joined with ", " for a group. */
  name: string;
}

export function isGradescopeFolder(name: string): boolean {
  return SUBMISSION_FOLDER.test(name);
}

// Keyed by folder name. Throws BAD_INPUT when the file is not YAML or not a mapping: grading a class under
// the wrong names is worse than stopping.
export function parseGradescopeMetadata(text: string): Map<string, GradescopeSubmission> {
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) throw badMetadata(`YAML that does not parse (${first.message.split("\n")[0]})`);
  const root = toJS(doc);
  if (root === null || root === undefined) return new Map();
  if (!isRecord(root)) throw badMetadata(`a ${Array.isArray(root) ? "list" : typeof root}`);
  return new Map(Object.entries(root).map(([key, value]) => [key, readSubmission(key, value)]));
}

// toJS throws on an alias bomb (yaml's maxAliasCount): a hostile file, reported like a broken one.
function toJS(doc: ReturnType<typeof parseDocument>): unknown {
  try {
    return doc.toJS();
  } catch (error) {
    throw badMetadata(`YAML that cannot be read (${(error as Error).message})`);
  }
}

function readSubmission(key: string, value: unknown): GradescopeSubmission {
  const submitters = isRecord(value) ? field(value, "submitters") : undefined;
  const people = (Array.isArray(submitters) ? submitters : []).filter(isRecord);
  const first = people[0];
  const student = first ? (text(field(first, "sid")) || text(field(first, "email"))) : "";
  const name = people.map((p) => text(field(p, "name"))).filter((n) => n !== "").join(", ");
  return { student: student || key, name };
}

function field(record: Record<string, unknown>, key: string): unknown {
  return record[`:${key}`] ?? record[key];
}

function text(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value).trim() : "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function badMetadata(found: string): HarnessError {
  return new HarnessError(
    "BAD_INPUT",
    `Expected ${GRADESCOPE_METADATA} to map each submission_<id> to its submitters; found ${found}.`,
    `Download the export again from Gradescope, or delete ${GRADESCOPE_METADATA} to grade each submission under its folder name.`,
  );
}
