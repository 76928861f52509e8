import { LABEL_HOST, LABEL_MANAGED, LABEL_PID, LABEL_RUN, LABEL_STARTED } from "./labels.ts";

export interface StaleContext {
  currentRun: string | undefined;
  host: string;
  now: Date;
  isAlive: (pid: number) => boolean;
  /** A run elsewhere (another host sharing the engine) counts as stale after this long. */
  maxAgeMs: number;
}

// Whether an object's labels show it belongs to a labgrade run that has ended without cleaning up.
export function isStale(labels: Record<string, string> | undefined, ctx: StaleContext): boolean {
  if (!labels || labels[LABEL_MANAGED] !== "true" || !labels[LABEL_RUN]) return false;
  if (labels[LABEL_RUN] === ctx.currentRun) return false;
  const pid = Number(labels[LABEL_PID]);
  const started = Date.parse(labels[LABEL_STARTED] ?? "");
  // Past the age bound a run is over, even when its pid was reused (after a reboot, say).
  if (Number.isNaN(started) || ctx.now.getTime() - started > ctx.maxAgeMs) return true;
  return labels[LABEL_HOST] === ctx.host && Number.isInteger(pid) && pid > 0 && !ctx.isAlive(pid);
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
