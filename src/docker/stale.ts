import { processIsAlive } from "../lock/process-alive.ts";
import { LABEL_HOST, LABEL_MANAGED, LABEL_PID, LABEL_RUN, LABEL_STARTED } from "./labels.ts";

export interface StaleContext {
  currentRun: string | undefined;
  host: string;
  now: Date;
  isAlive: (pid: number) => boolean;
  /** A run elsewhere (another host sharing the engine) counts as stale after this long. */
  maxAgeMs: number;
}

// A run on this host whose process still lives is left alone this long (a class of hundreds takes hours).
const LIVE_RUN_MAX_AGE_MS = 7 * 24 * 3600_000;

// Whether an object's labels show it belongs to a labgrade run that has ended without cleaning up.
export function isStale(labels: Record<string, string> | undefined, ctx: StaleContext): boolean {
  if (!labels || labels[LABEL_MANAGED] !== "true" || !labels[LABEL_RUN]) return false;
  if (labels[LABEL_RUN] === ctx.currentRun) return false;
  const pid = Number(labels[LABEL_PID]);
  const started = Date.parse(labels[LABEL_STARTED] ?? "");
  if (Number.isNaN(started)) return true;
  const age = ctx.now.getTime() - started;
  if (labels[LABEL_HOST] === ctx.host && Number.isInteger(pid) && pid > 0) {
    // On this host the process tells: a live one is still grading (a class can take hours), unless the run is
    // so old that its pid must have been reused (after a reboot, say).
    return !ctx.isAlive(pid) || age > LIVE_RUN_MAX_AGE_MS;
  }
  // Another host's run cannot be asked: past the age bound it is over.
  return age > ctx.maxAgeMs;
}

// Kept here for the sweeps that import it from the engine side.
export { processIsAlive };
