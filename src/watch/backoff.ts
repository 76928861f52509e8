// How long to wait before the next try to reach an engine that stopped answering: doubling from `baseMs`,
// never more than `maxMs`, so a restarted Docker Desktop is found again within seconds.
export function reconnectDelay(attempt: number, { baseMs = 250, maxMs = 5_000 }: { baseMs?: number; maxMs?: number } = {}): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
}
