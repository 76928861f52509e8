import type Dockerode from "dockerode";

// The engine's BuildKit build-cache records: listed, and pruned by id. Nothing labels them; build-cache.ts
// decides which are labgrade's.

/** One build-cache record, as GET /system/df?type=build-cache lists it. */
export interface CacheRecord {
  ID: string;
  CreatedAt?: string;
  InUse?: boolean;
}

// Pruning a child frees its parent: a few passes, children first as far as the engine allows.
const PASSES = 4;

// The engine's clock against this machine's (a Desktop VM or a remote engine may differ): /info's SystemTime.
export async function engineSkew(docker: Dockerode): Promise<number> {
  const asked = Date.now();
  const info = (await docker.info().catch(() => ({}))) as { SystemTime?: string };
  const engine = Date.parse(info.SystemTime ?? "");
  return Number.isFinite(engine) ? Math.round(engine - (asked + Date.now()) / 2) : 0;
}

// GET /system/df?type=build-cache (API 1.42+; an older engine lists everything, BuildCache among it). null: the
// engine did not answer. Never taken as "no records": every record would then look new, the student's among them.
export async function listRecords(docker: Dockerode): Promise<CacheRecord[] | null> {
  const usage = (await dial(docker, { path: "/system/df?", method: "GET", options: { type: "build-cache" } }).catch(() => null)) as { BuildCache?: CacheRecord[] | null } | null;
  return usage ? (usage.BuildCache ?? []) : null;
}

const ids = (records: CacheRecord[]) => new Set(records.map((r) => r.ID));

function dial(docker: Dockerode, request: { path: string; method: string; options: Record<string, unknown> }): Promise<unknown> {
  return new Promise((resolve, reject) => {
    docker.modem.dial({ ...request, statusCodes: { 200: true, 400: "bad parameter", 500: "server error" } }, (error: unknown, data: unknown) => (error ? reject(error as Error) : resolve(data)));
  });
}

// POST /build/prune with one id per call (the engine takes one value per filter), anchored: the engine reads
// the id filter as a pattern. Ids the engine no longer has are skipped. Returns what is still there after the
// passes, and how many were pruned. An engine that does not list its records keeps them all, to be tried again.
export async function pruneRecords(docker: Dockerode, wanted: string[]): Promise<{ left: Set<string>; pruned: number }> {
  if (wanted.length === 0) return { left: new Set(), pruned: 0 };
  const listed = await listRecords(docker);
  if (!listed) return { left: new Set(wanted), pruned: 0 };
  const present = ids(listed);
  let left = new Set(wanted.filter((id) => present.has(id)));
  const found = left.size;
  for (let pass = 0; pass < PASSES && left.size > 0; pass++) {
    for (const id of left) {
      await dial(docker, { path: "/build/prune?", method: "POST", options: { all: true, filters: { id: [`^${id}$`] } } }).catch(() => undefined);
    }
    const now = await listRecords(docker);
    if (!now) break;
    const before = left.size;
    const still = ids(now);
    left = new Set([...left].filter((id) => still.has(id)));
    if (left.size === before) break;
  }
  return { left, pruned: found - left.size };
}
