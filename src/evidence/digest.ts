import { createHash } from "node:crypto";
import type { EvidenceFileV2 } from "./evidence-file-v2.ts";

// The canonical serialisation a digest is taken over: JSON with object keys in code-point order and no
// whitespace, so that the same documents give the same digest whatever order or indentation they were
// written in. Arrays keep their order (it is part of the evidence).
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// The digest of a format-2 file: over every field but `digest` itself.
export function evidenceDigest(file: Omit<EvidenceFileV2, "digest"> & { digest?: string }): string {
  const rest: Record<string, unknown> = { ...file };
  delete rest.digest;
  return `sha256:${createHash("sha256").update(canonicalJson(rest), "utf8").digest("hex")}`;
}
