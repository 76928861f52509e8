import type { RawDocument } from "../evidence/evidence-file-v2.ts";

// Reading fields of the engine's documents, which are as the engine (or a hand) wrote them: never trust a type.
export function text(doc: unknown, ...path: string[]): string | undefined {
  const value = at(doc, path);
  return typeof value === "string" ? value : undefined;
}

function list(doc: unknown, ...path: string[]): unknown[] {
  const value = at(doc, path);
  return Array.isArray(value) ? value : [];
}

export function strings(doc: unknown, ...path: string[]): string[] {
  return list(doc, ...path).filter((v): v is string => typeof v === "string");
}

export function record(doc: unknown, ...path: string[]): RawDocument | undefined {
  const value = at(doc, path);
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as RawDocument) : undefined;
}

function at(doc: unknown, path: string[]): unknown {
  let value = doc;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** RepoTags without the `<none>:<none>` that engines before 23 list for an untagged image. */
export function repoTags(doc: unknown): string[] {
  return strings(doc, "RepoTags").filter((t) => t !== "<none>:<none>");
}
