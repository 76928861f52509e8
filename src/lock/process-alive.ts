import { readFileSync } from "node:fs";

// Whether a process of this host still runs: signal 0 tests without sending anything (EPERM: it runs as
// another user).
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// When a process started, in clock ticks since boot (Linux's /proc/PID/stat, field 22); null elsewhere. A pid
// reused by another process after a crash has another start: the lock's owner is then gone.
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}
