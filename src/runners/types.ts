// What running the student's app produced: the facts the output and plot checks judge.
export interface PlotLine {
  x: number[];
  y: number[];
  label: string | null;
}

export interface PlotAxes {
  title: string;
  xlabel: string;
  ylabel: string;
  lines: PlotLine[];
}

export interface PlotCapture {
  figure: number;
  /** What made the capture backend save it. */
  trigger: "show" | "savefig" | "exit";
  axes: PlotAxes[];
  /** The figure as PNG, base64. */
  pngBase64: string | null;
}

export interface RunResult {
  /** null when the app was killed at the timeout. */
  exitCode: number | null;
  timedOut: boolean;
  oomKilled: boolean;
  durationMs: number;
  stdout: string;
  stderr: string;
  /** Bytes beyond the output cap, counted and dropped. */
  droppedBytes: number;
  plots: PlotCapture[];
  /** The cgroup bounds the engine did not apply to the run, and why (see run-bounds.ts); absent when they held. */
  unbounded?: string;
  /** The files the lab asked for (by path in the app's container) as the app left them: null when it wrote none there. */
  files?: Record<string, string | null>;
}

// What building the student's app produced: the build step's verdict reads it. A failed build is a result, never an exception.
export interface BuildResult {
  ok: boolean;
  /** The end of the builder's output, as the student would see it. */
  log: string;
  /** The daemon's own error text when the build failed. */
  error?: string;
  timedOut?: boolean;
  durationMs: number;
  /** A pids limit was asked for but the build ran without it: why (the engine is not on this machine, not root…). */
  pidsUnbounded?: string;
  /** The classic build's memory and CPU bounds the engine did not apply, and why (see run-bounds.ts). */
  limitsUnbounded?: string;
}
