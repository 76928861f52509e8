import { access } from "node:fs/promises";
import path from "node:path";

export type EvidenceChoice = { kind: "live" } | { kind: "file"; path: string };

// --evidence live|FILE, or (default) the submission's own evidence.json when it carries one, else live.
export async function chooseEvidence(submissionDir: string, option: string | undefined): Promise<EvidenceChoice> {
  if (option === "live") return { kind: "live" };
  if (option) return { kind: "file", path: path.resolve(option) };
  const carried = path.join(submissionDir, "evidence.json");
  return (await access(carried).then(() => true, () => false)) ? { kind: "file", path: carried } : { kind: "live" };
}
