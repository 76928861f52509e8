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

// What starting a lab's services in the sandbox produced (a compose project, or the one app as a service): the
// facts the compose_up and http steps judge.
export interface ServiceOutcome {
  name: string;
  /** The build of a service built from the hand-in; null for one run from a lab image. */
  build: BuildResult | null;
  /** Why labgrade did not start it (a setting its sandbox never grants, an image it does not have and never pulls), and what to do. */
  refused: { why: string; fix: string } | null;
  /** Settings of the compose file labgrade left out (a bind mount of the student's machine), said with the verdict. */
  notes: string[];
  /** How it stood once the services had settled; null when it was not started. */
  state: { status: string; exitCode: number | null; oomKilled: boolean } | null;
  /** What it printed (stdout and stderr together), up to the sandbox's output cap. */
  output: string;
}

export interface ProbeOutcome {
  service: string;
  port: number;
  path: string;
  /** The HTTP status it answered with; null when it never answered. */
  status: number | null;
  /** The start of the body. */
  body: string;
  /** Why it did not answer (connection refused, timed out, no such host). */
  error: string | null;
  durationMs: number;
}

export interface ServicesResult {
  services: ServiceOutcome[];
  probes: ProbeOutcome[];
  /** How long the services were given to start before they were judged. */
  settleMs: number;
}
