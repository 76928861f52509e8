import type { RunResult } from "../../runners/types.ts";
import { crashLocation, diagnoseCrash, processLimitHint, stderrTail, type HintContext } from "./app-hints.ts";
import { failed, located, passed, type CheckResult } from "./check-result.ts";
import { extractNumbers, findRunsInOrder, findSequence, formatNumbers, interleave } from "./number-sequences.ts";

const PHRASE = "This is the squaring function";
const XS = Array.from({ length: 10 }, (_, i) => i);
const SQUARES = XS.map((x) => x * x);

// Run headless, the app prints the handout's phrase and 0..9 with their squares, and exits 0 in time.
// A run the engine did not bound in memory, processes or CPU says so, rather than grading as if it had been.
export function checkPythonappOutput(run: RunResult | null, context: HintContext): CheckResult {
  const verdict = judgeRun(run, context);
  if (!run?.unbounded) return verdict;
  return { ...verdict, message: `${verdict.message} It ran without labgrade's bounds on its ${run.unbounded}; its time limit, output and disk caps, network cut-off and dropped capabilities held.` };
}

function judgeRun(run: RunResult | null, context: HintContext): CheckResult {
  if (!run) return failed("Expected the app to run; it was not run: the image did not build.", "Fix the `pythonapp-build` step first.");
  const details = run.droppedBytes > 0 ? `${run.droppedBytes} bytes of output beyond the cap were dropped.` : undefined;
  if (run.timedOut) {
    const bomb = processLimitHint(run.stderr);
    if (bomb) return failed(`Expected the app to exit on its own; it did not exit within the time limit (${seconds(run.durationMs)}): ${bomb.found}.`, bomb.hint, details);
    return failed(`Expected the app to exit on its own; it did not exit within the time limit (${seconds(run.durationMs)}).`, "Look for an `input()` waiting for a keyboard or a loop that never ends; the handout's app runs in seconds.", details);
  }
  if (run.oomKilled) return failed("Expected the app to finish; it was stopped for using more memory than the limit.", "The handout's app needs little memory: look for a huge array or a loop that keeps growing a list.", details);
  if (run.exitCode !== 0) {
    const diagnosis = diagnoseCrash(run.stderr, context);
    const tail = stderrTail(run.stderr);
    const found = diagnosis?.found ?? (tail ? `its error output ends with:\n${tail}` : "it printed no error");
    const verdict = failed(`Expected the app to exit 0; it exited with code ${run.exitCode ?? "none"}: ${found}`, diagnosis?.hint ?? "Run the image yourself (`docker run pythonapp`) and fix the error it prints.", details);
    return located(verdict, diagnosis?.location ?? crashLocation(run.stderr, context.appFile));
  }
  return judgeStdout(run.stdout, details);
}

function judgeStdout(stdout: string, details: string | undefined): CheckResult {
  const squashed = stdout.replace(/\s+/g, " ");
  if (!squashed.includes(PHRASE)) {
    const near = new RegExp(PHRASE.replace(/ /g, "\\s*"), "i").exec(squashed)?.[0];
    const found = near ? `\`${near}\`` : `no such line in ${describeStdout(stdout)}`;
    return failed(`Expected the output to hold \`${PHRASE}\`; found ${found}.`, `Print the handout's line exactly: print("${PHRASE}")`, details);
  }
  const numbers = extractNumbers(stdout);
  if (findRunsInOrder(numbers, XS, SQUARES) || findSequence(numbers, interleave(XS, SQUARES)) >= 0) {
    return passed(`The app printed \`${PHRASE}\`, the numbers 0..9 and their squares, and exited 0.`, details);
  }
  const missing = findSequence(numbers, XS) < 0 ? "the numbers 0..9" : "their squares 0, 1, 4, …, 81 after them";
  const found = numbers.length ? `the numbers ${formatNumbers(numbers)}` : "no numbers";
  return failed(`Expected the output to show 0..9 and their squares; ${missing} are missing. Found ${found}.`, "Keep the handout's lines `x=np.arange(10)`, `y=x**2` and `print(x,y)`.", details);
}

function describeStdout(stdout: string): string {
  const trimmed = stdout.trim();
  if (!trimmed) return "an empty output";
  return `the output \`${trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed}\``;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
