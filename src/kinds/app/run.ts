import type { RunResult } from "../../runners/types.ts";
import { located, passed, type CheckResult } from "../../lab/check-result.ts";
import { failedWith, type KindHints } from "../hints.ts";
import { textHolds, type TextSpec } from "../text-spec.ts";
import type { AppLore } from "./app-lore.ts";
import { crashLocation, diagnoseCrash, processLimitHint, stderrTail, type HintContext } from "./app-hints.ts";
import { extractNumbers, findChain, findSequence, formatNumbers, zipSequences } from "./number-sequences.ts";

// What the `run` expectation of a lab file can say: the app run once in the sandbox, headless.
export interface RunSpec {
  /** The code it exits with (default 0). */
  exit_code?: number;
  /** It finishes within this many seconds (the sandbox's own limit stops it anyway). */
  within?: number;
  /** What it prints: a phrase, a match, and numbers (compared as numbers, not as text). */
  stdout?: TextSpec & { numbers?: NumbersSpec };
  /** Files it writes, by path in its container, and what they hold. */
  files?: Array<TextSpec & { path: string }>;
}

export interface NumbersSpec {
  /** The whole, in words: `0..9 and their squares`. */
  says: string;
  /** Each sequence printed as a run, after the one before (`[0 1 … 9] [0 1 … 81]`), or as rows of one of each (`0 0`, `1 1`, `2 4` …). */
  sequences: Array<{ values: number[]; says: string }>;
}

// Run headless, the app prints what the spec says and exits as it says, in time. A run the engine did not bound
// in memory, processes or CPU says so, rather than grading as if it had been.
export function checkRun(run: RunResult | null, spec: RunSpec, context: HintContext & { lore: AppLore }, hints: KindHints<"run">): CheckResult {
  const verdict = judgeRun(run, spec, context, hints);
  if (!run?.unbounded) return verdict;
  return { ...verdict, message: `${verdict.message} It ran without labgrade's bounds on its ${run.unbounded}; its time limit, output and disk caps, network cut-off and dropped capabilities held.` };
}

function judgeRun(run: RunResult | null, spec: RunSpec, context: HintContext & { lore: AppLore }, hints: KindHints<"run">): CheckResult {
  const { lore } = context;
  if (!run) return failedWith(hints, "not-run", "Expected the app to run; it was not run: the image did not build.", lore.buildStep ? `Fix the \`${lore.buildStep}\` step first.` : "Fix the Dockerfile so that it builds first.");
  const details = run.droppedBytes > 0 ? `${run.droppedBytes} bytes of output beyond the cap were dropped.` : undefined;
  if (run.timedOut) {
    const bomb = processLimitHint(run.stderr);
    if (bomb) return failedWith(hints, "processes", `Expected the app to exit on its own; it did not exit within the time limit (${seconds(run.durationMs)}): ${bomb.found}.`, bomb.hint, {}, details);
    return failedWith(hints, "timeout", `Expected the app to exit on its own; it did not exit within the time limit (${seconds(run.durationMs)}).`, "Look for an `input()` waiting for a keyboard or a loop that never ends; the handout's app runs in seconds.", {}, details);
  }
  if (run.oomKilled) return failedWith(hints, "memory", "Expected the app to finish; it was stopped for using more memory than the limit.", "The handout's app needs little memory: look for a huge array or a loop that keeps growing a list.", {}, details);
  const code = spec.exit_code ?? 0;
  if (run.exitCode !== code) {
    const diagnosis = code === 0 ? diagnoseCrash(run.stderr, context) : null;
    const tail = stderrTail(run.stderr);
    const found = diagnosis?.found ?? (tail ? `its error output ends with:\n${tail}` : "it printed no error");
    const verdict = failedWith(hints, "exit", `Expected the app to exit ${code}; it exited with code ${run.exitCode ?? "none"}: ${found}`, diagnosis?.hint ?? `Run the image yourself (\`docker run ${lore.tag}\`) and fix the error it prints.`, { code: run.exitCode ?? "none" }, details);
    return located(verdict, diagnosis?.location ?? crashLocation(run.stderr, context.appFile));
  }
  if (spec.within !== undefined && run.durationMs > spec.within * 1000) {
    return failedWith(hints, "slow", `Expected the app to finish within ${spec.within} s; it took ${seconds(run.durationMs)}.`, "Look for a sleep or a loop that does more than the handout asks.", {}, details);
  }
  return judgeStdout(run, spec, hints, details) ?? judgeFiles(run, spec, hints, details) ?? passed(passWords(spec, code), details);
}

function judgeStdout({ stdout }: RunResult, spec: RunSpec, hints: KindHints<"run">, details: string | undefined): CheckResult | null {
  const wanted = spec.stdout;
  if (!wanted) return null;
  const squashed = stdout.replace(/\s+/g, " ");
  if (wanted.contains !== undefined && !squashed.includes(wanted.contains)) {
    const phrase = wanted.contains;
    const near = new RegExp(phrase.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s*"), "i").exec(squashed)?.[0];
    const found = near ? `\`${near}\`` : `no such line in ${describeStdout(stdout)}`;
    return failedWith(hints, "phrase", `Expected the output to hold \`${phrase}\`; found ${found}.`, `Make the app print this line exactly: \`${phrase}\`.`, { phrase }, details);
  }
  if (wanted.matches !== undefined && !textHolds(stdout, { matches: wanted.matches })) {
    return failedWith(hints, "match", `Expected the output to match /${wanted.matches}/; found ${describeStdout(stdout)}.`, "Print what the handout asks for.", {}, details);
  }
  const numbers = wanted.numbers;
  if (!numbers) return null;
  const printed = extractNumbers(stdout);
  const sequences = numbers.sequences.map((s) => s.values);
  if (findChain(printed, sequences) || (sequences.length > 1 && findSequence(printed, zipSequences(sequences)) >= 0)) return null;
  const missingAt = numbers.sequences.findIndex((_, i) => !findChain(printed, sequences.slice(0, i + 1)));
  const missing = missingAt <= 0 ? numbers.sequences[0]!.says : `${numbers.sequences[missingAt]!.says} after them`;
  const found = printed.length ? `the numbers ${formatNumbers(printed)}` : "no numbers";
  return failedWith(hints, "numbers", `Expected the output to show ${numbers.says}; ${missing} are missing. Found ${found}.`, `Print ${numbers.says}, as the handout does.`, {}, details);
}

function judgeFiles(run: RunResult, spec: RunSpec, hints: KindHints<"run">, details: string | undefined): CheckResult | null {
  for (const file of spec.files ?? []) {
    const written = run.files?.[file.path];
    if (written === undefined || written === null) return failedWith(hints, "files", `Expected the app to write \`${file.path}\`; found no such file after its run.`, `Make the app write \`${file.path}\`.`, { path: file.path }, details);
    if (!textHolds(written, file)) return failedWith(hints, "files", `Expected \`${file.path}\` to ${file.contains !== undefined ? `hold "${file.contains}"` : `match /${file.matches}/`}; found ${describeStdout(written)}.`, `Check what the app writes to \`${file.path}\`.`, { path: file.path }, details);
  }
  return null;
}

function passWords(spec: RunSpec, code: number): string {
  const printed = [
    ...(spec.stdout?.contains !== undefined ? [`\`${spec.stdout.contains}\``] : []),
    ...(spec.stdout?.matches !== undefined ? [`a match of /${spec.stdout.matches}/`] : []),
    ...(spec.stdout?.numbers ? [`the numbers ${spec.stdout.numbers.says}`] : []),
  ];
  const files = (spec.files ?? []).map((f) => `wrote \`${f.path}\``);
  const did = [...(printed.length ? [`printed ${printed.join(", ")}`] : []), ...files];
  return did.length ? `The app ${did.join(", ")}, and exited ${code}.` : `The app exited ${code}.`;
}

function describeStdout(stdout: string): string {
  const trimmed = stdout.trim();
  if (!trimmed) return "an empty output";
  return `the output \`${trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed}\``;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
