import { randomUUID } from "node:crypto";
import { link, mkdir, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { cancelled, HarnessError } from "../errors.ts";
import { type LockHolder, LOCK_SCHEMA, readLockFile } from "./lock-holder.ts";
import { processIsAlive, processStart } from "./process-alive.ts";

export interface LockOptions {
  /** Who is asking, as the messages name it: `labgrade bulk`. */
  command: string;
  /** What the lock guards, as the messages name it (a folder, a cache file). */
  guards: string;
  /** Wait for the holder to finish instead of refusing. */
  wait?: boolean;
  /** With `wait`: give up after this long (a cache that can be skipped). */
  waitMs?: number;
  /** Take a lock whose holder cannot be asked (another host's, or a file this version cannot read). */
  forceUnlock?: boolean;
  signal?: AbortSignal;
  /** Told once when waiting starts, and when a dead or forced holder's lock is taken over. */
  onNote?: (text: string) => void;
  pollMs?: number;
  pid?: number;
  host?: string;
  isAlive?: (pid: number) => boolean;
  startOf?: (pid: number) => string | null;
}

export interface HeldLock {
  file: string;
  holder: LockHolder;
  /** Removes the lock if it is still this holder's. Safe to call twice. */
  release(): Promise<void>;
}

// A take-over's own short lock: a holder that crashed inside one for this long is gone.
const TAKEOVER_STALE_MS = 30_000;

// Takes the lock file for one writer. The file appears whole and at once (written aside, then hard-linked
// into place, which fails when it exists), so two processes never both hold it. A holder that is gone
// (pid dead on this host, or reused by another process) is taken over with a note; a live one is waited
// for or refused; another host's cannot be asked and is respected until `forceUnlock`.
export async function takeLock(file: string, options: LockOptions): Promise<HeldLock> {
  const { pid = process.pid, host = os.hostname(), isAlive = processIsAlive, startOf = processStart, pollMs = 500 } = options;
  const holder: LockHolder = { schema: LOCK_SCHEMA, command: options.command, pid, host, startedAt: new Date().toISOString(), processStart: startOf(pid), token: randomUUID() };
  await mkdir(path.dirname(file), { recursive: true });
  const aside = `${file}.${holder.token.slice(0, 8)}.tmp`;
  const giveUpAt = options.waitMs === undefined ? Infinity : Date.now() + options.waitMs;
  let waiting = false;
  try {
    await writeFile(aside, JSON.stringify(holder) + "\n", { flag: "wx" });
    for (;;) {
      if (options.signal?.aborted) throw cancelled(options.signal);
      if (await linked(aside, file)) return { file, holder, release: () => releaseLock(file, holder.token) };
      const seen = await readLockFile(file);
      if (seen.kind === "free") continue;
      const other = seen.kind === "held" ? seen.holder : null;
      const here = other !== null && other.host === host;
      const gone = here && (!isAlive(other.pid) || (other.processStart !== null && startOf(other.pid) !== null && startOf(other.pid) !== other.processStart));
      if (gone || (!here && options.forceUnlock)) {
        if (await takeOver(file, other?.token ?? null)) {
          options.onNote?.(gone ? `note: took over the lock on ${options.guards} left by ${describe(other)}, which is no longer running.` : `note: --force-unlock: removed the lock on ${options.guards} held by ${describe(other)}.`);
        }
        continue;
      }
      if (!options.wait || Date.now() >= giveUpAt) throw busy(options, other, here);
      if (!waiting) options.onNote?.(`waiting: ${describe(other)} is writing to ${options.guards}…`);
      waiting = true;
      await sleep(pollMs, options.signal);
    }
  } finally {
    await rm(aside, { force: true });
  }
}

// Runs `work` holding the lock, and releases it however `work` ends.
export async function withLock<T>(file: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const held = await takeLock(file, options);
  try {
    return await work();
  } finally {
    await held.release();
  }
}

async function linked(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") return false;
    // A filesystem without hard links (some network and FAT mounts): an exclusive create, written at once.
    if (code === "EPERM" || code === "ENOTSUP" || code === "EOPNOTSUPP" || code === "ENOSYS") return exclusiveCopy(from, to);
    throw error;
  }
}

async function exclusiveCopy(from: string, to: string): Promise<boolean> {
  try {
    await writeFile(to, await readFile(from), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

// Removes the lock judged gone, only if it is still that one: two processes that both found it gone must
// not remove the lock the first of them has just taken. A short lock of its own orders them.
async function takeOver(file: string, token: string | null): Promise<boolean> {
  const guard = `${file}.takeover`;
  const handle = await open(guard, "wx").catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
    const age = Date.now() - ((await stat(guard).catch(() => null))?.mtimeMs ?? Date.now());
    if (age > TAKEOVER_STALE_MS) await rm(guard, { force: true });
    return null;
  });
  if (!handle) return false;
  try {
    const now = await readLockFile(file);
    const same = now.kind === "held" ? now.holder.token === token : now.kind === "unknown" && token === null;
    if (same) await rm(file, { force: true });
    return same;
  } finally {
    await handle.close();
    await rm(guard, { force: true });
  }
}

async function releaseLock(file: string, token: string): Promise<void> {
  const now = await readLockFile(file).catch(() => null);
  if (now?.kind === "held" && now.holder.token === token) await rm(file, { force: true });
}

function describe(holder: LockHolder | null): string {
  if (!holder) return "a program this version of labgrade does not know";
  return `${holder.command} (pid ${holder.pid}${holder.host === os.hostname() ? "" : ` on host ${holder.host}`}, started ${holder.startedAt})`;
}

function busy(options: LockOptions, holder: LockHolder | null, here: boolean): HarnessError {
  const what = `${holder ? `another ${describe(holder)}` : describe(holder)} is writing to ${options.guards}; wait for it or stop it.`;
  const hint = here
    ? `Run the same command with --wait to start once it has finished${holder ? `, or stop it (\`kill ${holder.pid}\`)` : ""}.`
    : `labgrade cannot ask another machine whether that run is still going. Run the same command with --wait, or, if that run is over, with --force-unlock.`;
  return new HarnessError("LOCKED", what, hint);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
