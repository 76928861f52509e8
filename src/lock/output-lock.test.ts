import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readLockFile } from "./lock-holder.ts";
import { type LockOptions, takeLock } from "./output-lock.ts";

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "output-lock-test-"));
  file = path.join(dir, "out", "labgrade.lock");
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const base: LockOptions = { command: "labgrade bulk", guards: "/class/out" };
// Another process of this host: pid 4242, alive or not as the test says.
const other = (alive: boolean, extra: Partial<LockOptions> = {}): LockOptions => ({ ...base, pid: 4242, isAlive: (pid) => pid !== 4242 || alive, startOf: () => null, ...extra });

describe("takeLock", () => {
  it("writes who holds it (pid, host, start) and removes it on release", async () => {
    const held = await takeLock(file, base);
    const seen = await readLockFile(file);
    expect(seen).toMatchObject({ kind: "held", holder: { command: "labgrade bulk", pid: process.pid, host: os.hostname() } });
    expect(Date.parse(seen.kind === "held" ? seen.holder.startedAt : "")).toBeGreaterThan(Date.now() - 60_000);
    await held.release();
    expect(await readLockFile(file)).toEqual({ kind: "free" });
  });

  it("refuses a second writer while the first lives, naming it and what to do", async () => {
    const first = await takeLock(file, other(true));
    const error = await takeLock(file, { ...base, isAlive: () => true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCKED", message: `another labgrade bulk (pid 4242, started ${first.holder.startedAt}) is writing to /class/out; wait for it or stop it.` });
    expect((error as { hint: string }).hint).toMatch(/--wait/);
    expect((await readLockFile(file)).kind === "held" && (await readFile(file, "utf8")).includes('"pid":4242')).toBe(true);
  });

  it("with wait, starts once the first writer has released it", async () => {
    const first = await takeLock(file, base);
    const notes: string[] = [];
    const second = takeLock(file, { ...base, wait: true, pollMs: 20, onNote: (n) => notes.push(n) });
    await new Promise((r) => setTimeout(r, 100));
    expect(notes).toEqual([expect.stringMatching(/^waiting: labgrade bulk \(pid \d+, started .*\) is writing to \/class\/out/)]);
    await first.release();
    const held = await second;
    expect(held.holder.token).not.toBe(first.holder.token);
  });

  it("takes over the lock of a process of this host that is gone, with a note", async () => {
    await takeLock(file, other(true));
    const notes: string[] = [];
    const held = await takeLock(file, { ...other(false), pid: process.pid, onNote: (n) => notes.push(n) });
    expect(held.holder.pid).toBe(process.pid);
    expect(notes).toEqual([expect.stringMatching(/^note: took over the lock on \/class\/out left by labgrade bulk \(pid 4242, .*\), which is no longer running\.$/)]);
  });

  it("takes over a lock whose pid now belongs to another process (started at another time)", async () => {
    await takeLock(file, other(true, { startOf: () => "1000" }));
    const held = await takeLock(file, { ...other(true, { startOf: (pid) => (pid === 4242 ? "2000" : "1") }), pid: process.pid });
    expect(held.holder.pid).toBe(process.pid);
  });

  it("respects another host's lock until --force-unlock", async () => {
    await takeLock(file, { ...base, host: "lab-server-2" });
    const error = await takeLock(file, base).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "LOCKED", message: expect.stringContaining(`another labgrade bulk (pid ${process.pid} on host lab-server-2, started`) });
    expect((error as { hint: string }).hint).toMatch(/--force-unlock/);
    const notes: string[] = [];
    const held = await takeLock(file, { ...base, forceUnlock: true, onNote: (n) => notes.push(n) });
    expect(held.holder.host).toBe(os.hostname());
    expect(notes[0]).toMatch(/--force-unlock: removed the lock/);
  });

  it("respects a lock file it cannot read until --force-unlock", async () => {
    await takeLock(file, base).then((h) => h.release());
    await writeFile(file, "held by labgrade 9\n");
    await expect(takeLock(file, base)).rejects.toMatchObject({ code: "LOCKED" });
    await expect(takeLock(file, { ...base, forceUnlock: true })).resolves.toMatchObject({ holder: { pid: process.pid } });
  });

  it("gives a dead holder's lock to exactly one of two processes that find it at once", async () => {
    await takeLock(file, other(true));
    const dead = other(false);
    const results = await Promise.allSettled([takeLock(file, { ...dead, pid: 5001 }), takeLock(file, { ...dead, pid: 5002 }), takeLock(file, { ...dead, pid: 5003 })]);
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "LOCKED" });
    const seen = await readLockFile(file);
    expect(seen.kind === "held" && seen.holder.pid).toBe((won[0] as PromiseFulfilledResult<{ holder: { pid: number } }>).value.holder.pid);
  });

  it("never releases a lock that another holder has taken since", async () => {
    const first = await takeLock(file, other(true));
    await rm(file);
    const second = await takeLock(file, base);
    await first.release();
    expect(await readLockFile(file)).toMatchObject({ kind: "held", holder: { token: second.holder.token } });
  });
});
