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
}
