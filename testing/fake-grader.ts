import { readConfig } from "../src/config.ts";
import { newRun } from "../src/docker/labels.ts";
import { AppCache } from "../src/pipeline/app-cache.ts";
import type { Grader } from "../src/pipeline/grader.ts";
import { DEFAULT_STEPS, handoutLab } from "./lab/lab-steps.ts";
import { DEFAULT_SANDBOX, type AppBuilder, type AppRunner } from "../src/runners/app-runner.ts";
import type { PlotCapture, RunResult } from "../src/runners/types.ts";

export const HANDOUT_OUTPUT = "This is the squaring function\n[0 1 2 3 4 5 6 7 8 9] [ 0  1  4  9 16 25 36 49 64 81]\n";
const squares = Array.from({ length: 10 }, (_, x) => x);
const HANDOUT_PLOT: PlotCapture = { figure: 1, trigger: "show", pngBase64: null, axes: [{ title: "Squaring Function", xlabel: "Numerical", ylabel: "Square", lines: [{ x: squares, y: squares.map((x) => x * x), label: null }] }] };
// What the handout's app gives when it runs: its output and its plot.
export const okRun = (extra: Partial<RunResult> = {}): RunResult => ({ exitCode: 0, timedOut: false, oomKilled: false, durationMs: 1, stdout: HANDOUT_OUTPUT, stderr: "", droppedBytes: 0, plots: [HANDOUT_PLOT], ...extra });

// A grader without an engine whose builder and runner are the test's own: the class layer runs for real
// (journal, retries, concurrency, cancellation) while builds and runs are whatever the test says.
export function fakeGrader(builder: AppBuilder, runner: AppRunner, baseId = "sha256:base"): Grader {
  return {
    options: { config: readConfig({}), lab: handoutLab, steps: DEFAULT_STEPS, sandbox: DEFAULT_SANDBOX, buildTimeoutMs: 10_000, env: {} },
    engine: null,
    run: newRun(),
    builder,
    runner,
    cache: new AppCache(),
    basePython: async () => ({ tag: "labgrade/lab-python:latest", substitute: true, id: baseId }),
    releaseApp: async () => {},
    close: async () => {},
  };
}
