import { evidenceDigest } from "../evidence/digest.ts";
import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import { reason } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

// The digest `labgrade collect` wrote over the facts and documents. It is no signature (anyone can compute
// it again): it tells an edit made without labgrade's help from an intact file.
export function checkDigest(file: EvidenceFileV2): TrustReason[] {
  const expected = evidenceDigest(file);
  if (file.digest === expected) return [];
  return [reason("digest-mismatch", `The file's digest is ${file.digest.slice(0, 19)}… but its contents digest to ${expected.slice(0, 19)}…: it was changed after \`labgrade collect\` wrote it.`)];
}
