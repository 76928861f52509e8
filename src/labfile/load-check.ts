import { access } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { AppCheck, EngineCheck, Fact } from "../lab/lab.ts";
import type { CheckResult } from "../lab/check-result.ts";

const ENGINE_FACTS: readonly Fact[] = ["engine", "containers", "logs", "images", "volumes", "networks"];
const STATUSES = new Set(["passed", "failed", "error", "skipped"]);

// The escape hatch: a check course staff wrote in TypeScript next to the lab file (trusted code, never a shell
// command on a student's engine). It exports `check(input)`: an engine step's input is the engine snapshot, an
// app step's the app evidence (docs/authoring.md). Whatever it returns is held to a verdict's shape; a check that
// throws or returns something else is labgrade's (the lab's) error, never the student's failure.
export async function loadCheck(file: string, reads: readonly Fact[], stepId: string): Promise<{ kind: "engine"; reads: Fact[]; check: EngineCheck } | { kind: "app"; reads: Fact[]; check: AppCheck }> {
  await access(file).catch(() => {
    throw new Error(`expected a module at ${file}, found no file there: write it, or fix \`file\` (relative to the lab file)`);
  });
  const module = (await importCheck(file)) as { check?: unknown };
  if (typeof module.check !== "function") throw new Error(`expected ${file} to export a function named \`check\`, found it exports no function named \`check\`: add \`export function check(input) { … }\``);
  const own = module.check as (input: unknown) => unknown;
  const engine = reads.every((r) => ENGINE_FACTS.includes(r));
  if (!engine && reads.some((r) => ENGINE_FACTS.includes(r))) throw new Error(`a check reads either the engine (${ENGINE_FACTS.join(", ")}) or the hand-in (folder, build, run), not both: found ${reads.join(", ")}; split it into two checks`);
  const guarded = (input: unknown): CheckResult => verdictOf(() => own(input), stepId, file);
  return engine ? { kind: "engine", reads: [...reads], check: guarded } : { kind: "app", reads: [...reads], check: guarded };
}

// The module wherever the lab lives: TypeScript (interfaces, inline types) or ESM JavaScript in .ts, .js or .mjs.
// A plain import() goes through the loader bin/labgrade.js registered, which reads a .ts or .js outside a
// package with "type": "module" as CommonJS (so `export` and `interface` fail there); tsImport loads the file as
// ESM in a namespace of its own, compiled alone (the lab's folder has no tsconfig to honour, labgrade's is not its).
async function importCheck(file: string): Promise<unknown> {
  return tsImport(pathToFileURL(file).href, { parentURL: import.meta.url, tsconfig: false });
}

function verdictOf(run: () => unknown, stepId: string, file: string): CheckResult {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    return { status: "error", message: `The lab's own check for \`${stepId}\` (${file}) failed: ${(error as Error)?.message ?? String(error)}`, errorCode: "LAB_CHECK_FAILED" };
  }
  const r = result as Partial<CheckResult> | null;
  if (!r || typeof r !== "object" || !STATUSES.has(String(r.status)) || typeof r.message !== "string") {
    return { status: "error", message: `The lab's own check for \`${stepId}\` (${file}) returned ${JSON.stringify(result)?.slice(0, 80)}, not {status, message}.`, errorCode: "LAB_CHECK_FAILED" };
  }
  return { status: r.status!, message: r.message, ...(typeof r.hint === "string" ? { hint: r.hint } : {}), ...(typeof r.details === "string" ? { details: r.details } : {}) };
}
