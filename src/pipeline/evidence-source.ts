import { access, readdir } from "node:fs/promises";
import path from "node:path";
import type { EngineSnapshot } from "../evidence/types.ts";

/**
 * Where the engine steps' evidence comes from:
 * - auto: the submission's evidence.json when it carries one, else the live engine (a student's own machine);
 * - live: the engine labgrade talks to;
 * - file: an evidence file named by the caller;
 * - carried: the submission's evidence.json only (bulk grading: never the grader's own engine);
 * - read: a snapshot already read live from the student's engine during this grade (over SSH).
 */
export type EvidenceOption = { kind: "auto" } | { kind: "live" } | { kind: "file"; path: string } | { kind: "carried" } | ReadEvidence;

export type ReadEvidence = { kind: "read"; snapshot: EngineSnapshot; source: "live" };

export type EvidenceChoice = { kind: "live" } | { kind: "file"; path: string } | { kind: "missing" } | ReadEvidence;

// `--evidence live|FILE` as the command line and the suites' environment spell it.
export function evidenceOption(raw: string | undefined): EvidenceOption {
  if (!raw) return { kind: "auto" };
  return raw === "live" ? { kind: "live" } : { kind: "file", path: path.resolve(raw) };
}

export async function chooseEvidence(submissionDir: string, option: EvidenceOption): Promise<EvidenceChoice> {
  if (option.kind === "live" || option.kind === "file" || option.kind === "read") return option;
  const carried = await carriedEvidence(submissionDir);
  if (carried) return { kind: "file", path: carried };
  return option.kind === "carried" ? { kind: "missing" } : { kind: "live" };
}

// The evidence.json a submission carries: at its top, else in the one subfolder that holds the app.
async function carriedEvidence(submissionDir: string): Promise<string | null> {
  const candidates = [path.join(submissionDir, "evidence.json"), ...(await subfolders(submissionDir)).map((d) => path.join(d, "evidence.json"))];
  for (const file of candidates) if (await access(file).then(() => true, () => false)) return file;
  return null;
}

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((e) => e.isDirectory() && !e.name.startsWith(".") && e.name !== "__MACOSX");
  return folders.length === 1 ? [path.join(dir, folders[0]!.name)] : [];
}
