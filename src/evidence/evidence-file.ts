import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { HarnessError } from "../errors.ts";
import { type Evidence, EVIDENCE_SCHEMA_V2, EVIDENCE_SCHEMA_V3, type EvidenceFileV2 } from "./evidence-file-v2.ts";
import { type ContainerFact, EVIDENCE_SCHEMA, type EngineFacts, type EngineSnapshot, type ImageFact, type NetworkFact, type VolumeFact } from "./types.ts";

// What each field must hold. Keyed by the types' own keys, so a field added to types.ts fails to compile here.
const KINDS = {
  string: { words: "a string", ok: (v: unknown) => typeof v === "string" },
  "string|null": { words: "a string or null", ok: (v: unknown) => v === null || typeof v === "string" },
  "number|null": { words: "a number or null", ok: (v: unknown) => v === null || typeof v === "number" },
  boolean: { words: "true or false", ok: (v: unknown) => typeof v === "boolean" },
  "string[]": { words: "an array of strings", ok: (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string") },
};
type Rule = keyof typeof KINDS | readonly string[] | ((value: unknown, at: string) => string[]);

const ENGINE: Record<keyof EngineFacts, Rule> = { version: "string", apiVersion: "string", os: "string", arch: "string", operatingSystem: "string" };
const STATUSES: readonly ContainerFact["status"][] = ["created", "running", "paused", "restarting", "removing", "exited", "dead"];
type FormerContainer = Omit<ContainerFact, "mounts" | "networks" | "env" | "ports" | "restart" | "labels">;
const CONTAINER: Record<keyof FormerContainer, Rule> = {
  id: "string", name: "string", image: "string", imageId: "string", created: "string", interactive: "boolean", tty: "boolean", command: "string[]", status: STATUSES,
  everStarted: "boolean", exitCode: "number|null", startedAt: "string|null", finishedAt: "string|null", logs: "string", logsTruncated: "boolean",
};
const STRINGS = (value: unknown, at: string) => (isRecord(value) && Object.values(value).every((v) => typeof v === "string") ? [] : [`${at}: expected an object of strings, found ${describe(value)}`]);
const CONTAINER_V3: Record<keyof ContainerFact, Rule> = {
  ...CONTAINER,
  mounts: (value, at) => list(value, { type: "string", name: "string|null", source: "string", destination: "string", readOnly: "boolean" }, at),
  networks: (value, at) => list(value, { name: "string", aliases: "string[]" }, at),
  env: "string[]",
  ports: (value, at) => list(value, { container: "string", host: "string|null" }, at),
  restart: "string",
  labels: STRINGS,
};
const VOLUME: Record<keyof VolumeFact, Rule> = { name: "string", driver: "string", labels: STRINGS, created: "string|null" };
const NETWORK: Record<keyof NetworkFact, Rule> = { id: "string", name: "string", driver: "string", internal: "boolean", labels: STRINGS, created: "string" };
const IMAGE: Record<keyof ImageFact, Rule> = { id: "string", tags: "string[]", created: "string", substitute: "boolean" };
const SNAPSHOT: Record<Exclude<keyof EngineSnapshot, "volumes" | "networks">, Rule> = {
  schema: [EVIDENCE_SCHEMA], collectedAt: "string", labgradeVersion: "string", endpoint: "string|null",
  client: (value, at) => fields(value, { version: "string|null" }, at),
  engine: (value, at) => (value === null ? [] : fields(value, ENGINE, at)),
  containers: (value, at) => list(value, CONTAINER, at),
  images: (value, at) => list(value, IMAGE, at),
};
const OBJECT = (value: unknown, at: string) => (isRecord(value) ? [] : [`${at}: expected an object, found ${describe(value)}`]);
const ARRAY_OF_OBJECTS = (value: unknown, at: string) => (Array.isArray(value) && value.every(isRecord) ? [] : [`${at}: expected an array of objects, found ${describe(value)}`]);
const OPTIONAL_COUNT = (value: unknown, at: string) => (value === undefined || (Number.isInteger(value) && (value as number) >= 0) ? [] : [`${at}: expected a count, found ${describe(value)}`]);
const RAW: Record<string, Rule> = {
  version: OBJECT, info: OBJECT, containers: ARRAY_OF_OBJECTS, imageList: ARRAY_OF_OBJECTS, images: ARRAY_OF_OBJECTS,
  history: (value, at) => (isRecord(value) ? Object.entries(value).flatMap(([id, list]) => ARRAY_OF_OBJECTS(list, `${at}.${id}`)) : OBJECT(value, at)),
  events: (value, at) => (value === null ? [] : fields(value, { since: "string", until: "string", events: ARRAY_OF_OBJECTS, truncated: "boolean", received: OPTIONAL_COUNT }, at)),
  networks: (value, at) => (value === undefined ? [] : ARRAY_OF_OBJECTS(value, at)),
};
const SNAPSHOT_V2: Record<Exclude<keyof EvidenceFileV2, "volumes" | "networks">, Rule> = {
  ...SNAPSHOT,
  schema: [EVIDENCE_SCHEMA_V2],
  raw: (value, at) => (value === null ? [] : fields(value, RAW, at)),
  digest: "string",
};
const RAW_V3: Record<string, Rule> = { ...RAW, volumes: ARRAY_OF_OBJECTS, networks: ARRAY_OF_OBJECTS };
const SNAPSHOT_V3: Record<keyof EvidenceFileV2, Rule> = {
  ...SNAPSHOT_V2,
  schema: [EVIDENCE_SCHEMA_V3],
  containers: (value, at) => list(value, CONTAINER_V3, at),
  volumes: (value, at) => list(value, VOLUME, at),
  networks: (value, at) => list(value, NETWORK, at),
  raw: (value, at) => (value === null ? [] : fields(value, RAW_V3, at)),
};
const SCHEMAS: readonly string[] = [EVIDENCE_SCHEMA, EVIDENCE_SCHEMA_V2, EVIDENCE_SCHEMA_V3];
const HINT = "Write it again with `labgrade collect -o evidence.json`, or grade the live engine with `--evidence live`.";

// Reads a snapshot written by `labgrade collect`; a file that is not one is a BAD_INPUT, never a grade.
// Format 2's facts are format 1's: the checks grade both alike.
export async function readEvidenceFile(file: string): Promise<EngineSnapshot> {
  return (await readEvidence(file)).snapshot;
}

// Reads either format: the facts to grade, and for format 2 the whole file (raw documents and digest).
export async function readEvidence(file: string): Promise<Evidence> {
  const text = await readFile(file, "utf8").catch((error: Error) => {
    throw new HarnessError("BAD_INPUT", `Could not read the evidence file ${file}: ${error.message}`, HINT);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new HarnessError("BAD_INPUT", `Expected evidence.json to hold JSON; ${file} does not parse: ${(error as Error).message}`, HINT);
  }
  const schema = isRecord(data) ? data.schema : undefined;
  if (typeof schema !== "string" || !SCHEMAS.includes(schema)) {
    throw new HarnessError("BAD_INPUT", `Expected evidence.json with schema ${SCHEMAS.join(" or ")}; found ${schema === undefined ? "no schema field" : `schema ${JSON.stringify(schema)}`} in ${file}.`, HINT);
  }
  const problems = fields(data, schema === EVIDENCE_SCHEMA ? SNAPSHOT : schema === EVIDENCE_SCHEMA_V2 ? SNAPSHOT_V2 : SNAPSHOT_V3, "");
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join("; ") + (problems.length > 5 ? `; and ${problems.length - 5} more` : "");
    throw new HarnessError("BAD_INPUT", `Expected evidence.json in the ${schema} format; ${file} has ${shown}.`, HINT);
  }
  if (schema === EVIDENCE_SCHEMA) return { format: 1, snapshot: data as EngineSnapshot };
  const documents = data as unknown as EvidenceFileV2;
  return { format: schema === EVIDENCE_SCHEMA_V2 ? 2 : 3, snapshot: snapshotOf(documents), file: documents };
}

// The facts of a format-2 or -3 file in the snapshot's shape: what every check reads.
export function snapshotOf(file: EvidenceFileV2): EngineSnapshot {
  const { collectedAt, labgradeVersion, client, engine, endpoint, containers, images, volumes, networks } = file;
  const later = file.schema === EVIDENCE_SCHEMA_V3 ? { volumes: volumes ?? [], networks: networks ?? [] } : {};
  return { schema: EVIDENCE_SCHEMA, collectedAt, labgradeVersion, client, engine, endpoint, containers, images, ...later };
}

export async function writeEvidenceFile(file: string, snapshot: EngineSnapshot | EvidenceFileV2): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(snapshot, null, 2)}\n`, "utf8");
}

function fields(value: unknown, rules: Record<string, Rule>, at: string): string[] {
  if (!isRecord(value)) return [`${at || "the top level"}: expected an object, found ${describe(value)}`];
  return Object.entries(rules).flatMap(([key, rule]) => follows(value[key], rule, at ? `${at}.${key}` : key));
}

function list(value: unknown, rules: Record<string, Rule>, at: string): string[] {
  if (!Array.isArray(value)) return [`${at}: expected an array, found ${describe(value)}`];
  return value.flatMap((item, i) => fields(item, rules, `${at}[${i}]`));
}

function follows(value: unknown, rule: Rule, at: string): string[] {
  if (typeof rule === "function") return rule(value, at);
  if (typeof rule !== "string") return rule.includes(value as string) ? [] : [`${at}: expected one of ${rule.join(", ")}, found ${describe(value)}`];
  return KINDS[rule].ok(value) ? [] : [`${at}: expected ${KINDS[rule].words}, found ${describe(value)}`];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === undefined ? "nothing" : JSON.stringify(value).slice(0, 40);
}
