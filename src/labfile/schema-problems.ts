import { readFileSync } from "node:fs";
import { Ajv, type ErrorObject } from "ajv";
import type { Document, LineCounter } from "yaml";
import { nearMisses } from "../lab/names.ts";
import { type FieldPath, type LabProblem, placeOf, fieldName } from "./lab-problems.ts";
import { asList, flow, foundWords } from "./value-words.ts";

/** The published JSON Schema of `labgrade.lab/1` (docs/authoring.md). */
export const LAB_SCHEMA_FILE = new URL("./lab.schema.json", import.meta.url);

let validate: ReturnType<Ajv["compile"]> | undefined;

interface SchemaNode {
  properties?: Record<string, unknown>;
  description?: string;
  type?: string | string[];
}

// What the schema says is wrong with a lab file's data, one problem a field, each saying what was expected, what
// was found (from the data itself, at the field's path) and what to do, in words an author can act on.
export function schemaProblems(data: unknown, doc: Document, lines: LineCounter): LabProblem[] {
  validate ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(JSON.parse(readFileSync(LAB_SCHEMA_FILE, "utf8")) as object);
  if (validate(data)) return [];
  const problems = mostTelling([...(validate.errors ?? [])]).map((told) => {
    const path = pathOf(told.error);
    return { ...placeOf(doc, lines, path), field: fieldName(path), message: words(told, data, path) };
  });
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

// The keywords that say most about a mistake first; an anyOf's own error only when its branches said nothing closer.
const RANK = ["additionalProperties", "required", "const", "enum", "pattern", "minProperties", "maxProperties", "minItems", "minLength", "minimum", "maximum", "exclusiveMinimum", "uniqueItems", "type", "anyOf"];

/** A field's most telling error; with the types (and a mapping's fields) each branch of an anyOf would take. */
interface Told {
  error: ErrorObject;
  types: string[];
  fields: string[];
}

// One error a field, the most telling; a field that may be one of several types (an anyOf) gets them all.
function mostTelling(errors: readonly ErrorObject[]): Told[] {
  const byPath = new Map<string, Told>();
  const rank = (e: ErrorObject) => (RANK.indexOf(e.keyword) + RANK.length + 1) % (RANK.length + 1);
  for (const error of errors) {
    const key = fieldName(pathOf(error));
    const held = byPath.get(key) ?? { error, types: [], fields: [] };
    if (error.keyword === "type") {
      held.types.push(...typesOf(error).filter((t) => !held.types.includes(t)));
      held.fields.push(...Object.keys((error.parentSchema as SchemaNode | undefined)?.properties ?? {}).filter((f) => !held.fields.includes(f)));
    }
    if (rank(error) < rank(held.error)) held.error = error;
    byPath.set(key, held);
  }
  const kept = [...byPath.values()];
  // A field whose inside has a problem of its own is not also wrong as a whole (an anyOf, a type of the other branch).
  const inside = (o: ErrorObject, e: ErrorObject) => {
    const [outer, inner] = [pathOf(e), pathOf(o)];
    return inner.length > outer.length && outer.every((part, i) => inner[i] === part);
  };
  return kept.filter(({ error: e }) => !(e.keyword === "anyOf" || e.keyword === "type") || !kept.some(({ error: o }) => o !== e && inside(o, e)));
}

const typesOf = (error: ErrorObject): string[] => String((error.params as { type: string }).type).split(",");

function pathOf(error: ErrorObject): FieldPath {
  const parts = error.instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~")).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (error.keyword === "additionalProperties") return [...parts, String((error.params as { additionalProperty: string }).additionalProperty)];
  return parts;
}

function valueAt(data: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>((value, part) => (value !== null && typeof value === "object" ? (value as Record<string | number, unknown>)[part] : undefined), data);
}

const isExpect = (path: FieldPath) => path.at(-1) === "expect" && path.at(-3) === "steps";
const quoted = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(", ");
const didYouMean = (name: string, known: readonly string[]) => {
  const [near] = nearMisses(name, known);
  return near === undefined ? null : `did you mean \`${near}\`?`;
};

// "or leave `title` out", unless the field is one its mapping must have: the data without it is checked again.
function leaveOutOf(data: unknown, path: FieldPath): (key: string | null) => string {
  return (key) => {
    if (key === null) return ", or remove the item";
    const without = structuredClone(data);
    const holder = valueAt(without, path.slice(0, -1));
    if (holder && typeof holder === "object") delete (holder as Record<string, unknown>)[key];
    const needed = !validate!(without) && (validate!.errors ?? []).some((e) => e.keyword === "required" && (e.params as { missingProperty: string }).missingProperty === key && fieldName(pathOf(e)) === fieldName(path.slice(0, -1)));
    return needed ? "" : `, or leave \`${key}\` out`;
  };
}

function words({ error, types, fields: typeFields }: Told, data: unknown, path: FieldPath): string {
  const params = error.params as Record<string, unknown>;
  const schema = error.parentSchema as SchemaNode | undefined;
  const found = valueAt(data, path);
  const key = typeof path.at(-1) === "string" ? String(path.at(-1)) : null;
  const fields = Object.keys(schema?.properties ?? {});
  const leaveOut = leaveOutOf(data, path);
  switch (error.keyword) {
    case "additionalProperties": {
      const name = String(params.additionalProperty);
      if (path.length === 1) {
        return `unknown field "${name}" (expected one of: ${fields.join(", ")}, or an \`x-\` field of your own, which labgrade ignores): ${didYouMean(name, fields) ?? "remove it, or name it `x-…` to keep it (an anchor's home)"}`;
      }
      if (isExpect(path.slice(0, -1))) return `unknown kind of expectation "${name}" (expected one of: ${fields.join(", ")}): ${didYouMean(name, fields) ?? "use one of those (docs/authoring.md describes each)"}`;
      if (fields.length === 0) return `unknown field "${name}": \`${String(path.at(-2))}\` takes no fields, so remove it (write \`${String(path.at(-2))}: {}\`)`;
      return `unknown field "${name}" (expected one of: ${fields.join(", ")}): ${didYouMean(name, fields) ?? "remove it, or use one of those"}`;
    }
    case "required": {
      const missing = String(params.missingProperty);
      const there = found && typeof found === "object" ? Object.keys(found) : [];
      return `missing the field "${missing}" (found ${there.length ? `only ${quoted(there)}` : "no fields"}): add \`${missing}: …\``;
    }
    case "const":
      return `expected ${JSON.stringify(params.allowedValue)}, found ${foundWords(found)}: write \`${key === null ? "" : `${key}: `}${flow(params.allowedValue)}\``;
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map((v) => String(v));
      const near = typeof found === "string" ? didYouMean(found, allowed) : null;
      return `expected one of ${allowed.map((v) => JSON.stringify(v)).join(", ")}, found ${foundWords(found)}: ${near ?? "write one of those"}`;
    }
    case "pattern":
      return `expected ${patternWords(schema, String(params.pattern))}, found ${foundWords(found)}: ${patternFix(String(params.pattern), found, key)}`;
    case "type":
      return typeWords(types.length ? types : typesOf(error), found, key, path, typeFields);
    case "maxProperties": {
      const kinds = found && typeof found === "object" ? Object.keys(found) : [];
      if (isExpect(path)) {
        const each = kinds.map((k) => `\`expect: { ${k}: … }\``);
        return `expected one kind of expectation, found ${kinds.length} (${kinds.join(" and ")}): a step checks one kind, so split it into ${kinds.length === 2 ? `two steps, ${each[0]} in one and ${each[1]} in the other` : `${kinds.length} steps, one kind each: ${each.join(", ")}`}`;
      }
      return `expected at most ${String(params.limit)} fields, found ${kinds.length}: remove ${kinds.length - Number(params.limit)}`;
    }
    case "minProperties":
      if (isExpect(path)) return `expected one kind of expectation (one of: ${fields.join(", ")}), found none: add one, e.g. \`container: { name: … }\` (docs/authoring.md describes each)`;
      return `expected at least one field${fields.length ? ` (one of: ${fields.join(", ")})` : ""}, found ${foundWords(found)}: add one${leaveOut(key)}`;
    case "minItems":
      return `expected at least ${String(params.limit)} ${params.limit === 1 ? "item" : "items"}, found ${foundWords(found)}: ${path.length === 1 && key === "steps" ? "add a step (docs/authoring.md)" : `add ${params.limit === 1 ? "one" : "more"}${leaveOut(key)}`}`;
    case "minLength":
      return `expected some text, found an empty string: write some${leaveOut(key)}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
      return `expected a number ${String(params.comparison)} ${String(params.limit)}, found ${foundWords(found)}: write ${error.keyword === "minimum" ? `${String(params.limit)} or more` : error.keyword === "maximum" ? `${String(params.limit)} or less` : `more than ${String(params.limit)}`}`;
    case "uniqueItems": {
      const item = Array.isArray(found) ? found[Number(params.i)] : undefined;
      return `expected each item once, found \`${flow(item)}\` twice (items ${String(params.j)} and ${String(params.i)}): remove one`;
    }
    default:
      return `${error.message ?? error.keyword}, found ${foundWords(found)}: fix it as docs/authoring.md describes`;
  }
}

// A YAML type in an author's words.
const TYPE_WORDS: Record<string, string> = { object: "a mapping", array: "a list", string: "text", number: "a number", integer: "a whole number", boolean: "true or false", null: "nothing" };

function typeWords(types: string[], found: unknown, key: string | null, path: FieldPath, fields: string[]): string {
  const expected = types.map((t) => TYPE_WORDS[t] ?? t);
  const wanted = expected.length > 1 ? `${expected.slice(0, -1).join(", ")} or ${expected.at(-1)}` : (expected[0] ?? "another value");
  if (isExpect(path)) return `expected a mapping holding one kind of expectation, found ${foundWords(found)}: write one kind under it, e.g. \`expect: { engine: {} }\``;
  if (path.length === 0) return `expected a lab (a mapping of ${fields.join(", ")}), found ${foundWords(found)}: start with \`schema: labgrade.lab/1\` (\`labgrade lab new DIR\` writes a lab to fill in)`;
  return `expected ${wanted}${types.includes("object") && fields.length ? ` (of ${fields.join(", ")})` : ""}, found ${foundWords(found)}: ${typeFix(types, found, key, fields)}`;
}

// What to write instead, from what was written.
function typeFix(types: string[], found: unknown, key: string | null, fields: string[]): string {
  const f = typeof found;
  const lhs = key === null ? "" : `${key}: `;
  if (types.includes("array") && !Array.isArray(found) && found !== null && f !== "object") return `write it as a list: \`${lhs}${asList(found)}\``;
  if (types.includes("object")) {
    const pairs = Array.isArray(found) ? found.map((item) => (typeof item === "string" ? /^([^=\s]+)=(.*)$/.exec(item) : null)) : [];
    if (pairs.length > 0 && pairs.every((p) => p !== null)) return `write it as a mapping: \`${lhs}${flow(Object.fromEntries(pairs.map((p) => [p![1], p![2]])), 60)}\``;
    if (types.includes("null")) return fields.length ? `write \`${lhs}{}\`, or give its fields as \`name: value\` lines under it` : `write \`${lhs}{}\` (it takes no fields)`;
    return `write it as a mapping, \`name: value\` lines indented under ${key === null ? "it" : `\`${key}:\``}${Array.isArray(found) ? " (without `- `)" : ""}`;
  }
  if (types.includes("array")) return `write it as a list: \`${lhs}[a, b]\`, or \`- \` lines under it`;
  if ((types.includes("number") || types.includes("integer")) && f === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(found as string)) return `remove the quotes: \`${lhs}${(found as string).trim()}\``;
  if (types.includes("integer") && f === "number") return `write a whole number: \`${lhs}${Math.round(found as number)}\``;
  if (types.includes("number") || types.includes("integer")) return `write it in digits, e.g. \`${lhs}10\``;
  if (types.includes("boolean")) return `write \`${lhs}true\` or \`${lhs}false\``;
  if (types.includes("string") && (f === "number" || f === "boolean")) return `quote it: \`${lhs}"${String(found)}"\``;
  if (types.includes("string")) return `write it as one line of text: \`${lhs}…\``;
  return "fix it as docs/authoring.md describes";
}

// A pattern in the words its schema's description gives ("lowercase letters and digits …"), else the pattern.
function patternWords(schema: SchemaNode | undefined, pattern: string): string {
  const words = schema?.description?.replace(/\.$/, "");
  if (words) return words.charAt(0).toLowerCase() + words.slice(1);
  return pattern === "^/" ? "an absolute path (starting with /)" : `text matching /${pattern}/`;
}

// What to write for the schema's patterns: an id from what was written, a path made absolute, a module's name.
function patternFix(pattern: string, found: unknown, key: string | null): string {
  const text = String(found);
  if (pattern === "^[a-z0-9]+(-[a-z0-9]+)*$") {
    const id = text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return id ? `write it as \`${id}\`` : "use lowercase letters and digits, words joined by hyphens";
  }
  if (pattern === "^/") return `start it with /: \`${key === null ? "" : `${key}: `}/${text.replace(/^(\.\/|\/)+/, "")}\``;
  if (pattern.includes("ts|mts|js|mjs")) return "name a TypeScript or JavaScript module beside the lab file (.ts, .mts, .js or .mjs)";
  return `write text matching /${pattern}/`;
}
