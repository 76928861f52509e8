import { writeFileSync } from "node:fs";
import { appendFile, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { processIsAlive } from "../docker/stale.ts";
import { CLOSED_SUFFIX, LEDGER_PREFIX, ledgerPid, ledgerText, parseLedger } from "./build-cache-ledger.ts";
import { engineSkew, listRecords, pruneRecords } from "./build-cache-records.ts";

// BuildKit keeps what a build made as build-cache records (the layers of a containerd-store build live there,
// not in images), and nothing labels them. This janitor lists the engine's records before a run's first
// BuildKit build and after each one; the new ones are the run's, and are pruned one by one when the run closes.
// A ledger in the temp folder holds the engine's records from before the run, the run's start by the
// engine's clock, and the run's records as they appear; it is touched every few seconds while a build runs.
// When labgrade is killed, the next run prunes what the killed run made: its records, and those the engine
// made between its start and its ledger's last touch that were not there before it. A record another live
// run's ledger names is left to that run. A record the engine had before the run is never touched.

const HEARTBEAT_MS = 5_000;
// A killed run's builds ended at most a heartbeat after its ledger's last touch (and the clocks' reading).
const AFTER_TOUCH_MS = 2 * HEARTBEAT_MS;

interface Start {
  /** The records from before the run; null when the engine did not list them: nothing is then tracked or pruned. */
  known: Set<string> | null;
  /** The engine's clock minus this machine's, in ms. */
  skew: number;
}

export class BuildCacheJanitor {
  private started: Promise<Start> | undefined;
  private readonly mine = new Set<string>();
  private building = 0;
  private heartbeat: NodeJS.Timeout | undefined;
  readonly ledger: string;

  constructor(
    private readonly docker: Dockerode,
    runId: string,
    private readonly tmp: string = os.tmpdir(),
  ) {
    this.ledger = path.join(tmp, `${LEDGER_PREFIX}${process.pid}-${runId}.txt`);
  }

  /** Runs a BuildKit build, then records the cache records it made. */
  async track<T>(build: () => Promise<T>): Promise<T> {
    const { known } = await (this.started ??= this.start());
    this.building++;
    this.heartbeat ??= setInterval(() => void utimes(this.ledger, new Date(), new Date()).catch(() => undefined), HEARTBEAT_MS).unref();
    try {
      return await build();
    } finally {
      if (--this.building === 0) {
        clearInterval(this.heartbeat);
        this.heartbeat = undefined;
      }
      // A listing that fails here is made up by the next build's.
      const now = known ? await listRecords(this.docker) : null;
      const fresh = (now ?? []).filter((r) => !known?.has(r.ID) && !this.mine.has(r.ID)).map((r) => r.ID);
      for (const id of fresh) this.mine.add(id);
      if (fresh.length) await appendFile(this.ledger, fresh.map((id) => `made ${id}\n`).join("")).catch(() => undefined);
    }
  }

  private async start(): Promise<Start> {
    const [records, skew] = await Promise.all([listRecords(this.docker), engineSkew(this.docker)]);
    if (!records) return { known: null, skew };
    const known = new Set(records.map((r) => r.ID));
    try {
      writeFileSync(this.ledger, ledgerText({ since: Date.now() + skew, skew, before: [...known], made: [] }), { flag: "a" });
    } catch {
      // an unwritable temp folder: the records are still pruned at close, only a kill leaves them
    }
    return { known, skew };
  }

  /** Prunes the run's records; what another live run names, or the engine holds, is left in a closed ledger. */
  async close(): Promise<void> {
    if (!this.started) return;
    const { skew } = await this.started;
    clearInterval(this.heartbeat);
    const theirs = await othersRecords(this.tmp, this.ledger);
    const { left } = await pruneRecords(this.docker, [...this.mine].filter((id) => !theirs.has(id)));
    const kept = [...this.mine].filter((id) => theirs.has(id) || left.has(id));
    this.mine.clear();
    if (kept.length) await writeFile(this.ledger.replace(/\.txt$/, CLOSED_SUFFIX), ledgerText({ since: 0, skew, before: [], made: kept })).catch(() => undefined);
    await rm(this.ledger, { force: true });
  }
}

// The ledgers of runs that were killed, or closed leaving records behind: pruned, then removed.
export async function sweepBuildCacheLedgers(docker: Dockerode, tmp: string = os.tmpdir(), isAlive: (pid: number) => boolean = processIsAlive): Promise<number> {
  const names = (await readdir(tmp).catch(() => [] as string[])).filter((name) => name.startsWith(LEDGER_PREFIX));
  const gone = names.filter((name) => {
    const pid = ledgerPid(name);
    return Number.isInteger(pid) && pid > 0 && (name.endsWith(CLOSED_SUFFIX) || !isAlive(pid));
  });
  if (gone.length === 0) return 0;
  const theirs = await othersRecords(tmp, null, isAlive);
  let pruned = 0;
  for (const name of gone) {
    const file = path.join(tmp, name);
    const ledger = parseLedger(await readFile(file, "utf8").catch(() => ""));
    const touched = (await stat(file).catch(() => null))?.mtimeMs ?? 0;
    const wanted = new Set(ledger.made);
    // What its last build made before the kill, not yet listed: new since its start, up to its last touch.
    if (!name.endsWith(CLOSED_SUFFIX) && ledger.since > 0) {
      const before = new Set(ledger.before);
      const until = touched + ledger.skew + AFTER_TOUCH_MS;
      for (const r of (await listRecords(docker)) ?? []) {
        const created = Date.parse(r.CreatedAt ?? "");
        if (!before.has(r.ID) && created >= ledger.since && created <= until) wanted.add(r.ID);
      }
    }
    const ids = [...wanted].filter((id) => !theirs.has(id));
    const { left, pruned: count } = await pruneRecords(docker, ids);
    pruned += count;
    const kept = [...wanted].filter((id) => theirs.has(id) || left.has(id));
    if (kept.length) await writeFile(file.endsWith(CLOSED_SUFFIX) ? file : file.replace(/\.txt$/, CLOSED_SUFFIX), ledgerText({ since: 0, skew: ledger.skew, before: [], made: kept }));
    if (!kept.length || !file.endsWith(CLOSED_SUFFIX)) await rm(file, { force: true });
  }
  return pruned;
}

// The records other live runs made, as their ledgers say.
async function othersRecords(tmp: string, own: string | null, isAlive: (pid: number) => boolean = processIsAlive): Promise<Set<string>> {
  const names = (await readdir(tmp).catch(() => [] as string[])).filter((n) => n.startsWith(LEDGER_PREFIX) && !n.endsWith(CLOSED_SUFFIX));
  const ids = new Set<string>();
  for (const name of names) {
    if (path.join(tmp, name) === own || !isAlive(ledgerPid(name))) continue;
    for (const id of parseLedger(await readFile(path.join(tmp, name), "utf8").catch(() => "")).made) ids.add(id);
  }
  return ids;
}

