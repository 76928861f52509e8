import { readFile } from "node:fs/promises";
import pc from "picocolors";
import type { LabgradeConfig } from "../config.ts";
import { readEvidence } from "../evidence/evidence-file.ts";
import { judgeEngine } from "../lab/judge.ts";
import { type Lab, rubricSteps } from "../lab/lab.ts";
import { describeProblems, labFile as resolveLabFile, labHandIns, labWalks, parseLab } from "../labfile/index.ts";
import { evidenceOption } from "../pipeline/evidence-source.ts";
import { gradeSubmission } from "../pipeline/grade-submission.ts";
import { silentProgress } from "../progress/progress.ts";
import { DEFAULT_SANDBOX } from "../runners/app-runner.ts";
import { assessEvidence } from "../trust/assess-evidence.ts";
import { trustLab } from "../trust/trust-context.ts";

export interface LabCheckOptions {
  /** Also grade the lab's hand-ins (reference/, fixtures/): builds and runs their apps. */
  fixtures?: boolean;
}

interface Outcome {
  name: string;
  wrong: string[];
  note?: string;
}

// `labgrade lab check FILE`: the lab file against the schema, then its recorded walks judged (and its hand-ins graded,
// with --fixtures) against the verdicts each expects. Exit 0 when the file is valid and every verdict is as expected.
export async function labCheckCommand(file: string, options: LabCheckOptions, config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  let labFile: string;
  try {
    labFile = resolveLabFile(file);
  } catch (error) {
    out.write(`${pc.red("✗")} ${(error as Error).message}\n`);
    return 1;
  }
  const text = await readFile(labFile, "utf8").catch((error: NodeJS.ErrnoException) => {
    out.write(`${pc.red("✗")} ${labFile}: cannot be read (${error.code ?? error.message}).\n`);
    return null;
  });
  if (text === null) return 1;
  const parsed = await parseLab(text, labFile);
  if ("problems" in parsed) {
    out.write(`${pc.red("✗")} ${labFile} is not a valid lab (labgrade.lab/1):\n${describeProblems(labFile, parsed.problems, 50)}\n`);
    return 1;
  }
  const { lab } = parsed;
  const points = rubricSteps(lab).reduce((sum, s) => sum + s.points, 0);
  out.write(`${pc.green("✓")} ${labFile}: the lab ${lab.id} (${lab.title}), ${lab.steps.length} steps, ${points} points, digest ${lab.digest}\n`);
  const walks = await checkWalks(lab);
  for (const o of walks) report(out, "walk", o);
  if (walks.length === 0) out.write(`${pc.yellow("!")} no recorded walks beside it (walks/<name>/evidence.json with expected.json): record some (docs/authoring.md) so its engine steps are tested.\n`);
  const handIns = options.fixtures ? await checkHandIns(lab, config, env, signal) : [];
  for (const o of handIns) report(out, "hand-in", o);
  const wrong = [...walks, ...handIns].filter((o) => o.wrong.length > 0).length;
  const checked = walks.length + handIns.length;
  out.write(`${wrong === 0 ? pc.green("✓") : pc.red("✗")} ${checked - wrong} of ${checked} ${options.fixtures ? "walks and hand-ins" : "walks"} gave the verdicts they expect${options.fixtures ? "" : " (add --fixtures to grade the hand-ins too)"}.\n`);
  return wrong === 0 ? 0 : 1;
}

function report(out: NodeJS.WritableStream, kind: string, o: Outcome): void {
  const mark = o.wrong.length === 0 ? pc.green("✓") : pc.red("✗");
  out.write(`${mark} ${kind} ${o.name}${o.note ? ` (${o.note})` : ""}${o.wrong.length ? `:\n${o.wrong.map((w) => `    ${w}`).join("\n")}` : ""}\n`);
}

// Each walk's evidence judged by the lab, step by step, against what its expected.json states; a genuine walk also
// earns no trust reason.
export async function checkWalks(lab: Lab): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const walk of labWalks(lab)) {
    const evidence = await readEvidence(walk.evidenceFile);
    const judged = judgeEngine(lab, { kind: "snapshot", snapshot: evidence.snapshot, source: "evidence-file" });
    const wrong = differences(walk.steps, Object.fromEntries(Object.entries(judged).map(([id, j]) => [id, { status: j.status, message: j.message }])));
    if (walk.trust) {
      const trust = assessEvidence(evidence, { now: new Date(), lab: trustLab(lab) });
      if (trust.level !== walk.trust.level) wrong.push(`trust: expected ${walk.trust.level}, found ${trust.level}${trust.reasons.length ? `: ${trust.reasons.map((r) => `${r.code} (${r.message})`).join("; ")}` : ""}`);
    }
    outcomes.push({ name: walk.name, wrong });
  }
  return outcomes;
}

// Each hand-in graded end to end, as `labgrade grade` would, against its expected.json.
async function checkHandIns(lab: Lab, config: LabgradeConfig, env: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const handIn of labHandIns(lab)) {
    const started = Date.now();
    const report = await gradeSubmission(
      { dir: handIn.dir, evidence: handIn.evidenceFile ? evidenceOption(handIn.evidenceFile) : { kind: "carried" } },
      { lab, steps: rubricSteps(lab), config, env, sandbox: { ...DEFAULT_SANDBOX, ...(handIn.timeoutSeconds ? { timeoutMs: handIn.timeoutSeconds * 1000 } : {}) }, buildTimeoutMs: config.appBuildTimeoutMs, progress: silentProgress, ...(signal ? { signal } : {}) },
    );
    const wrong = differences(handIn.steps, Object.fromEntries(report.steps.map((s) => [s.id, { status: s.status, message: s.message }])));
    outcomes.push({ name: handIn.name, wrong, note: `${((Date.now() - started) / 1000).toFixed(1)} s` });
  }
  return outcomes;
}

function differences(expected: Record<string, string>, found: Record<string, { status: string; message: string }>): string[] {
  const wrong = Object.entries(expected).flatMap(([id, status]) => {
    const got = found[id];
    if (!got) return [`${id}: expected ${status}, but the lab has no such step`];
    return got.status === status ? [] : [`${id}: expected ${status}, found ${got.status}: ${got.message}`];
  });
  const unstated = Object.keys(found).filter((id) => !(id in expected));
  return [...wrong, ...unstated.map((id) => `${id}: judged ${found[id]!.status}, and expected.json states nothing for it`)];
}
