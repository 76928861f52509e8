import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import type { Document, LineCounter } from "yaml";
import { type FieldPath, type LabProblem, placeOf, fieldName } from "./lab-problems.ts";

/** The published JSON Schema of `labgrade.lab/1` (docs/authoring.md). */
export const LAB_SCHEMA_FILE = new URL("./lab.schema.json", import.meta.url);

let validate: ReturnType<Ajv["compile"]> | undefined;

// What the schema says is wrong with a lab file's data, one problem a field, in words an author can act on.
export function schemaProblems(data: unknown, doc: Document, lines: LineCounter): LabProblem[] {
  validate ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(LAB_SCHEMA_FILE, "utf8")) as object);
  if (validate(data)) return [];
  const errors = mostTelling(validate.errors ?? []);
  return errors.map((error) => {
    const path = pathOf(error);
    return { ...placeOf(doc, lines, path), field: fieldName(path), message: words(error) };
  });
}

// The keywords that say most about a mistake first; an anyOf's own error only when its branches said nothing closer.
const RANK = ["additionalProperties", "required", "const", "enum", "pattern", "minProperties", "maxProperties", "minItems", "minLength", "minimum", "maximum", "exclusiveMinimum", "uniqueItems", "type", "anyOf"];

function mostTelling(errors: readonly ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  const rank = (e: ErrorObject) => (RANK.indexOf(e.keyword) + RANK.length + 1) % (RANK.length + 1);
  for (const error of errors) {
    const key = fieldName(pathOf(error));
    const held = byPath.get(key);
    if (!held || rank(error) < rank(held)) byPath.set(key, error);
  }
  const kept = [...byPath.values()];
  // A field whose inside has a problem of its own is not also wrong as a whole (an anyOf, a type of the other branch).
  return kept.filter((e) => !(e.keyword === "anyOf" || e.keyword === "type") || !kept.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)));
}

function pathOf(error: ErrorObject): FieldPath {
  const parts = error.instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (error.keyword === "additionalProperties") return [...parts, String((error.params as { additionalProperty: string }).additionalProperty)];
  return parts;
}

function words(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties": {
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `unknown field "${String(params.additionalProperty)}"${known.length ? ` (expected one of: ${known.join(", ")})` : ""}`;
    }
    case "required":
      return `missing the field "${String(params.missingProperty)}"`;
    case "const":
      return `expected ${JSON.stringify(params.allowedValue)}`;
    case "enum":
      return `expected one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "pattern":
      return `expected ${(error.parentSchema as { description?: string } | undefined)?.description ?? `text matching ${String(params.pattern)}`}, found ${JSON.stringify(error.data)}`;
    case "type":
      return `expected ${String(params.type).replace(/,/g, " or ")}, found ${describe(error.data)}`;
    case "maxProperties":
      return error.instancePath.endsWith("/expect") ? `expected one kind of expectation, found ${Object.keys(error.data as object).join(" and ")}` : `expected at most ${String(params.limit)} fields`;
    case "minProperties":
      return error.instancePath.endsWith("/expect") ? "expected one kind of expectation (container, image, run …), found none" : "expected at least one field";
    default:
      return error.message ?? error.keyword;
  }
}

function describe(value: unknown): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `${typeof value} ${JSON.stringify(value)}`;
}
