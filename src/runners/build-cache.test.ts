import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BuildCacheJanitor, sweepBuildCacheLedgers } from "./build-cache.ts";
import { parseLedger } from "./build-cache-ledger.ts";

let tmp: string;
beforeEach(async () => void (tmp = await mkdtemp(path.join(os.tmpdir(), "build-cache-test-"))));
afterEach(() => rm(tmp, { recursive: true, force: true }));

const HOUR = 3_600_000;
// An engine's build cache: records with parents (a parent is pruned only once no child is left) and creation
// times, a clock `skew` ms ahead of this machine's, and every prune it was asked for.
function engine(initial: Array<[id: string, parent?: string, created?: number]>, skew = 0, failedLists = 0) {
  const records = new Map(initial.map(([id, parent, created]) => [id, { parent: parent ?? null, created: created ?? Date.now() + skew }]));
  const pruneFilters: string[] = [];
  const docker = {
    info: async () => ({ SystemTime: new Date(Date.now() + skew).toISOString() }),
    modem: {
      dial: (req: { path: string; options: { filters?: { id: string[] } } }, done: (error: unknown, data?: unknown) => void) => {
        if (req.path.startsWith("/system/df") && failedLists-- > 0) return done(new Error("engine busy"));
        if (req.path.startsWith("/system/df")) return done(null, { BuildCache: [...records].map(([ID, r]) => ({ ID, CreatedAt: new Date(r.created).toISOString() })) });
        const pattern = req.options.filters!.id[0]!;
        pruneFilters.push(pattern);
        const id = /^\^(.*)\$$/.exec(pattern)?.[1];
        if (id && records.has(id) && ![...records.values()].some((r) => r.parent === id)) records.delete(id);
        done(null, {});
      },
    },
  } as unknown as Dockerode;
  return { docker, records, pruneFilters, add: (id: string, parent?: string) => records.set(id, { parent: parent ?? null, created: Date.now() + skew }) };
}

describe("BuildKit's build cache of a run", () => {
  it("prunes the records the run's builds made, children before parents, and never one the engine had before", async () => {
    const e = engine([["studentsown0001"]]);
    const janitor = new BuildCacheJanitor(e.docker, "run-a", tmp);
    await janitor.track(async () => {
      e.add("baselayer00001");
      e.add("piplayer000001", "baselayer00001");
    });
    await janitor.track(async () => e.add("applayer000001", "piplayer000001"));
    const ledger = parseLedger(await readFile(janitor.ledger, "utf8"));
    expect(ledger.before).toEqual(["studentsown0001"]);
    expect(ledger.made).toEqual(["baselayer00001", "piplayer000001", "applayer000001"]);
    await janitor.close();
    expect([...e.records.keys()]).toEqual(["studentsown0001"]);
    expect(e.pruneFilters).not.toContain("^studentsown0001$");
    expect(await readdir(tmp)).toEqual([]);
  });

  it("does nothing on an engine it never built on", async () => {
    const e = engine([["studentsown0001"]]);
    await new BuildCacheJanitor(e.docker, "run-b", tmp).close();
    expect(e.pruneFilters).toEqual([]);
    expect(e.records.size).toBe(1);
  });

  it("tracks nothing when the engine did not list its records before the run: the student's would all look new", async () => {
    const e = engine([["studentsown0001"]], 0, 1);
    const janitor = new BuildCacheJanitor(e.docker, "run-d", tmp);
    await janitor.track(async () => e.add("newrecord00001"));
    await janitor.close();
    expect(e.pruneFilters).toEqual([]);
    expect([...e.records.keys()]).toEqual(["studentsown0001", "newrecord00001"]);
  });

  it("records what a failed build made too", async () => {
    const e = engine([]);
    const janitor = new BuildCacheJanitor(e.docker, "run-c", tmp);
    await expect(janitor.track(async () => {
      e.add("halfway0000001");
      throw new Error("build failed");
    })).rejects.toThrow("build failed");
    await janitor.close();
    expect(e.records.size).toBe(0);
  });

  it("after a kill mid-build, prunes what the engine made between the run's start and its ledger's last touch, by the engine's clock", async () => {
    const skew = 7 * 60_000; // the engine's clock is 7 minutes ahead
    const e = engine([["studentsold0001", undefined, Date.now() + skew - HOUR]], skew);
    const killed = new BuildCacheJanitor(e.docker, "killed", tmp);
    // The build is under way when the process dies: track() never returns, nothing is listed as made.
    void killed.track(() => {
      e.add("unlisted000001");
      return new Promise(() => undefined);
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    e.records.set("studentslater01", { parent: null, created: Date.now() + skew + HOUR });
    const name = path.basename(killed.ledger).replace(`-${process.pid}-`, "-999999-");
    await writeFile(path.join(tmp, name), await readFile(killed.ledger, "utf8"));
    await rm(killed.ledger);
    expect(await sweepBuildCacheLedgers(e.docker, tmp, () => false)).toBe(1);
    expect([...e.records.keys()].sort()).toEqual(["studentslater01", "studentsold0001"]);
    expect(await readdir(tmp)).toEqual([]);
  });

  it("sweeps a killed run's ledger and leaves a live run's records, even ones both ledgers name", async () => {
    const e = engine([["deadrecord0001"], ["shared00000001"], ["liverecord0001"]]);
    const ledger = (made: string[]) => `labgrade.buildcache-ledger/1\nsince 0 0\n${made.map((id) => `made ${id}\n`).join("")}`;
    await writeFile(path.join(tmp, "labgrade-buildcache-200-dead.txt"), ledger(["deadrecord0001", "shared00000001", "not an id!"]));
    await writeFile(path.join(tmp, "labgrade-buildcache-100-live.txt"), ledger(["shared00000001", "liverecord0001"]));
    const alive = (pid: number) => pid === 100;
    expect(await sweepBuildCacheLedgers(e.docker, tmp, alive)).toBe(1);
    expect([...e.records.keys()].sort()).toEqual(["liverecord0001", "shared00000001"]);
    expect(e.pruneFilters).toEqual(["^deadrecord0001$"]);
    // The shared record waits in a closed ledger until the live run is gone.
    expect((await readdir(tmp)).sort()).toEqual(["labgrade-buildcache-100-live.txt", "labgrade-buildcache-200-dead.closed.txt"]);
    const later = Date.now();
    await utimes(path.join(tmp, "labgrade-buildcache-100-live.txt"), new Date(later), new Date(later));
    expect(await sweepBuildCacheLedgers(e.docker, tmp, () => false)).toBe(2);
    expect(e.records.size).toBe(0);
    expect(await readdir(tmp)).toEqual([]);
  });
});
