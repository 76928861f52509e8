// The one cancellation path: SIGINT, SIGTERM and SIGHUP (and a parent that went away, as when npx or a CI
// step is killed without passing the signal on) abort one AbortSignal. Commands pass it down, every
// cleanup runs in `finally`, and the process then exits 128 + the signal's number.
const NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

export interface Cancellation {
  signal: AbortSignal;
  /** 130 after SIGINT, 143 after SIGTERM, 129 after SIGHUP or an orphaning; undefined when not cancelled. */
  exitCode(): number | undefined;
  dispose(): void;
}

export interface CancelOptions {
  /**
   * Whether a hang-up or a parent that went away cancels (a student's grade, under npx or a CI step). Off for
   * a long class run started detached on purpose (`nohup labgrade bulk … &`, setsid), which must outlive them.
   */
  hangup?: boolean;
  parentCheckMs?: number;
}

export function cancelOnSignals(proc: NodeJS.Process = process, { hangup = true, parentCheckMs = 1_000 }: CancelOptions = {}): Cancellation {
  const controller = new AbortController();
  let code: number | undefined;
  const handlers = Object.keys(NUMBERS).filter((name) => hangup || name !== "SIGHUP").map((name) => {
    const handler = () => {
      // A second Ctrl-C while cleaning up means "now": leave at once.
      if (controller.signal.aborted) proc.exit(128 + NUMBERS[name]!);
      code = 128 + NUMBERS[name]!;
      proc.stderr.write(`\nlabgrade: ${name} received; stopping and removing what this run created…\n`);
      controller.abort(new Error(`${name} received`));
    };
    proc.on(name as NodeJS.Signals, handler);
    return { name, handler };
  });
  const parent = proc.ppid;
  const watch = setInterval(() => {
    if (!hangup || proc.ppid === parent || controller.signal.aborted) return;
    code = 129;
    controller.abort(new Error("the parent process went away"));
  }, parentCheckMs);
  watch.unref();
  return {
    signal: controller.signal,
    exitCode: () => code,
    dispose() {
      clearInterval(watch);
      for (const { name, handler } of handlers) proc.off(name as NodeJS.Signals, handler);
    },
  };
}
