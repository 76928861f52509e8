import { createHash, randomUUID } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Judged } from "../lab/result.ts";
import { isHarnessError } from "../errors.ts";
import { withLock } from "../lock/index.ts";

export const WATCH_CACHE_SCHEMA = "labgrade.watch-cache/1";
const FILE = "watch-app-results.json";
const KEEP = 64;
// How long a write waits for another process's write of the same cache (a few milliseconds, normally).
const LOCK_WAIT_MS = 10_000;

interface CacheFile {
  schema: typeof WATCH_CACHE_SCHEMA;
  entries: Record<string, { storedAt: string; verdicts: Record<string, Judged> }>;
}

// Where labgrade keeps what it can compute again: LABGRADE_CACHE_DIR, else the OS's cache folder.
export function cacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (env.LABGRADE_CACHE_DIR) return path.resolve(env.LABGRADE_CACHE_DIR);
  if (platform === "win32") return path.join(env.LOCALAPPDATA || path.join(home, "AppData", "Local"), "labgrade", "Cache");
  if (platform === "darwin") return path.join(home, "Library", "Caches", "labgrade");
  return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "labgrade");
}

// What decides an app's verdicts: what is built (the context's digest), how the folder looks to the checks,
// the base image, the sandbox and labgrade itself. Equal keys give equal verdicts.
export function appResultKey(parts: { digest: string; layout: unknown; baseId: string; sandbox: unknown; buildTimeoutMs: number; version: string; lab: string; handIn: string | null }): string {
  return createHash("sha256").update(JSON.stringify({ schema: WATCH_CACHE_SCHEMA, ...parts })).digest("hex");
}

// The app steps' verdicts of apps built and run before, on disk, so that `labgrade watch --once` (and a
// new watch) does not build an app whose folder has not changed. Versioned; a file of another version, or
// one that does not parse, is an empty cache. Written whole to a temporary file and renamed into place.
export class AppResultCache {
  constructor(readonly file: string) {}

  static in(folder: string): AppResultCache {
    return new AppResultCache(path.join(folder, FILE));
  }

  async get(key: string): Promise<Record<string, Judged> | null> {
    return (await this.load()).entries[key]?.verdicts ?? null;
  }

  // Read, changed and written under the cache's lock, so that two watches (or a watch and `watch --once`)
  // writing at once each keep the other's entry. A lock held too long means this judgement is not kept:
  // the cache saves work, and losing one entry costs a build.
  async set(key: string, verdicts: Record<string, Judged>, now: Date = new Date()): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const lock = { command: "labgrade watch", guards: this.file, wait: true, waitMs: LOCK_WAIT_MS, forceUnlock: false };
    await withLock(`${this.file}.lock`, lock, () => this.write(key, verdicts, now)).catch((error: unknown) => {
      if (!(isHarnessError(error) && error.code === "LOCKED")) throw error;
    });
  }

  private async write(key: string, verdicts: Record<string, Judged>, now: Date): Promise<void> {
    const data = await this.load();
    data.entries[key] = { storedAt: now.toISOString(), verdicts };
    const newest = Object.entries(data.entries)
      .sort(([, a], [, b]) => b.storedAt.localeCompare(a.storedAt))
      .slice(0, KEEP);
    const kept: CacheFile = { schema: WATCH_CACHE_SCHEMA, entries: Object.fromEntries(newest) };
    const temp = `${this.file}.${randomUUID().slice(0, 8)}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(kept) + "\n");
      await rename(temp, this.file);
    } finally {
      await rm(temp, { force: true });
    }
  }

  private async load(): Promise<CacheFile> {
    const empty: CacheFile = { schema: WATCH_CACHE_SCHEMA, entries: {} };
    const text = await readFile(this.file, "utf8").catch(() => null);
    if (text === null) return empty;
    try {
      const data = JSON.parse(text) as Partial<CacheFile>;
      if (data.schema !== WATCH_CACHE_SCHEMA || typeof data.entries !== "object" || data.entries === null) return empty;
      return { schema: WATCH_CACHE_SCHEMA, entries: data.entries };
    } catch {
      return empty;
    }
  }
}
