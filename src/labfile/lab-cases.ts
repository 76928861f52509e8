import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { StepStatus } from "../lab/check-result.ts";
import type { Lab } from "../lab/lab.ts";
import type { TrustLevel } from "../lab/trust-level.ts";
import { labFolder } from "./lab-folders.ts";

// What a lab's folder holds to test the lab with, each with the verdicts it expects (expected.json):
//   walks/<name>/     evidence.json recorded after a walk of the handout's commands (complete, or with a mistake);
//   reference/        the reference hand-in, and fixtures/<name>/ hand-ins named by behaviour: each names the walk
//                     whose evidence goes with it (`"evidence": "full-walk"`), or carries its own evidence.json.

export interface WalkCase {
  name: string;
  evidenceFile: string;
  description: string;
  steps: Record<string, StepStatus>;
  /** The trust a genuine walk earns: collected, with no reason. */
  trust?: { level: TrustLevel; reasons: unknown[] };
}

export interface HandInCase {
  name: string;
  dir: string;
  description: string;
  /** The evidence graded with it; null when it names none (the engine steps are then not judged from a file). */
  evidenceFile: string | null;
  timeoutSeconds: number | undefined;
  steps: Record<string, StepStatus>;
}

export function labWalks(lab: Pick<Lab, "file">): WalkCase[] {
  const root = path.join(labFolder(lab), "walks");
  return subfolders(root).map((name) => {
    const expected = readExpected(path.join(root, name)) as { description?: string; steps: Record<string, StepStatus>; trust?: WalkCase["trust"] };
    return { name, evidenceFile: path.join(root, name, "evidence.json"), description: expected.description ?? name, steps: expected.steps, ...(expected.trust ? { trust: expected.trust } : {}) };
  });
}

export function labHandIns(lab: Pick<Lab, "file">): HandInCase[] {
  const folder = labFolder(lab);
  const fixtures = path.join(folder, "fixtures");
  const dirs = [...(existsSync(path.join(folder, "reference", "expected.json")) ? [path.join(folder, "reference")] : []), ...subfolders(fixtures).map((name) => path.join(fixtures, name))];
  return dirs.map((dir) => {
    const expected = readExpected(dir) as { description?: string; evidence?: string; steps: Record<string, StepStatus>; sandbox?: { timeoutSeconds?: number } };
    const own = path.join(dir, "evidence.json");
    const evidenceFile = existsSync(own) ? own : expected.evidence ? path.join(folder, "walks", expected.evidence, "evidence.json") : null;
    return { name: path.basename(dir), dir, description: expected.description ?? path.basename(dir), evidenceFile, timeoutSeconds: expected.sandbox?.timeoutSeconds, steps: expected.steps };
  });
}

function subfolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() && existsSync(path.join(root, e.name, "expected.json"))).map((e) => e.name).sort();
}

function readExpected(dir: string): unknown {
  const file = path.join(dir, "expected.json");
  const data = JSON.parse(readFileSync(file, "utf8")) as { steps?: unknown };
  if (!data.steps || typeof data.steps !== "object") throw new Error(`${file} holds no "steps": {"<step id>": "passed" | "failed" | "error" | "skipped"}`);
  return data;
}
