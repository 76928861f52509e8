import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Judged } from "../lab/result.ts";
import { APP_STEP_IDS } from "../../testing/lab/lab-steps.ts";
import type { Grader } from "../pipeline/grader.ts";
import { HANDOUT_FILES } from "../../testing/lab/lab-steps.ts";
import type { AppBuilder, AppRunner } from "../runners/app-runner.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { AppResultCache, cacheFolder, WATCH_CACHE_SCHEMA } from "./app-result-cache.ts";
import { judgeAppFolder } from "./docker-app-source.ts";

const verdicts = (status: Judged["status"]) => Object.fromEntries(APP_STEP_IDS.map((id) => [id, { status, message: id, source: "docker" }])) as Record<string, Judged>;

let dir = "";
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-watch-cache-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("AppResultCache", () => {
  it("keeps verdicts by key across instances, in a versioned file", async () => {
    await AppResultCache.in(dir).set("k1", verdicts("passed"));
    expect(await AppResultCache.in(dir).get("k1")).toEqual(verdicts("passed"));
    expect(await AppResultCache.in(dir).get("k2")).toBeNull();
    const file = JSON.parse(await readFile(path.join(dir, "watch-app-results.json"), "utf8"));
    expect(file.schema).toBe(WATCH_CACHE_SCHEMA);
  });

  it("keeps every entry of writers writing at once (two watches, or a watch and watch --once)", async () => {
    const keys = Array.from({ length: 8 }, (_, i) => `k${i}`);
    await Promise.all(keys.map((key) => AppResultCache.in(dir).set(key, verdicts("passed"))));
    for (const key of keys) expect(await AppResultCache.in(dir).get(key), key).toEqual(verdicts("passed"));
    expect((await readdir(dir)).sort()).toEqual(["watch-app-results.json"]);
  });

  it("treats a file of another version, or one that does not parse, as empty, and replaces it", async () => {
    const cache = AppResultCache.in(dir);
    await writeFile(cache.file, JSON.stringify({ schema: "labgrade.watch-cache/0", entries: { k1: { storedAt: "x", verdicts: verdicts("passed") } } }));
    expect(await cache.get("k1")).toBeNull();
    await writeFile(cache.file, "{ torn");
    expect(await cache.get("k1")).toBeNull();
    await cache.set("k1", verdicts("failed"));
    expect(await cache.get("k1")).toEqual(verdicts("failed"));
  });

  it("keeps the newest 64 results", async () => {
    const cache = AppResultCache.in(dir);
    for (let i = 0; i < 70; i++) await cache.set(`k${i}`, verdicts("passed"), new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    expect(await cache.get("k5")).toBeNull();
    expect(await cache.get("k6")).not.toBeNull();
    expect(await cache.get("k69")).not.toBeNull();
  });
});

describe("cacheFolder", () => {
  it("is LABGRADE_CACHE_DIR, else the OS's cache folder", () => {
    expect(cacheFolder({ LABGRADE_CACHE_DIR: "/tmp/c" }, "linux", "/home/ada")).toBe("/tmp/c");
    expect(cacheFolder({}, "linux", "/home/ada")).toBe("/home/ada/.cache/labgrade");
    expect(cacheFolder({ XDG_CACHE_HOME: "/x" }, "linux", "/home/ada")).toBe("/x/labgrade");
    expect(cacheFolder({}, "darwin", "/Users/ada")).toBe("/Users/ada/Library/Caches/labgrade");
    expect(cacheFolder({ LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" }, "win32", "C:\\Users\\ada")).toBe(path.join("C:\\Users\\ada\\AppData\\Local", "labgrade", "Cache"));
  });
});

describe("judgeAppFolder with the cache on disk (--once)", () => {
  // A grader whose engine answers only what the cache asks (the private python's id) and cleanup lists.
  function graderWith(baseId: string, builds: { count: number }, output?: string): Grader {
    const builder: AppBuilder = { build: async () => (builds.count++, { ok: true, log: "", durationMs: 1 }) };
    const runner: AppRunner = { run: async () => okRun(output ? { stdout: output } : {}) };
    const docker = { getImage: () => ({ inspect: async () => ({ Id: baseId, Config: { Labels: {} }, Created: "2026-01-01T00:00:00Z" }) }), listContainers: async () => [] } as unknown as Dockerode;
    return { ...fakeGrader(builder, runner, baseId), engine: { docker, endpoint: { url: "unix:///fake.sock", source: "test" } } };
  }

  it("builds an app once; a later run (a new grader, as a new process) reuses the verdicts until the folder changes", async () => {
    const app = path.join(dir, "app");
    await mkdir(app);
    for (const [name, text] of Object.entries(HANDOUT_FILES)) await writeFile(path.join(app, name), text);
    const cache = AppResultCache.in(path.join(dir, "cache"));
    const builds = { count: 0 };
    const first = await judgeAppFolder(graderWith("sha256:base", builds), app, cache);
    expect(first).toMatchObject({ reused: false });
    expect(first.verdicts["pythonapp-output"]!.status).toBe("passed");
    const second = await judgeAppFolder(graderWith("sha256:base", builds), app, cache);
    expect(second).toEqual({ ...first, reused: true });
    expect(builds.count).toBe(1);
    // Another base image is another app.
    await judgeAppFolder(graderWith("sha256:other", builds), app, cache);
    expect(builds.count).toBe(2);
    // So is an edited app.py.
    await writeFile(path.join(app, "app.py"), HANDOUT_FILES["app.py"]!.replace("y=x**2", "y=x**3"));
    await judgeAppFolder(graderWith("sha256:base", builds), app, cache);
    expect(builds.count).toBe(3);
  });

  it("does not keep verdicts labgrade could not judge", async () => {
    for (const [name, text] of Object.entries(HANDOUT_FILES)) await writeFile(path.join(dir, name), text);
    const cache = AppResultCache.in(path.join(dir, ".cache"));
    const builds = { count: 0 };
    const broken = graderWith("sha256:base", builds);
    const failing: Grader = { ...broken, runner: { run: async () => Promise.reject(new Error("the engine went away")) } };
    const judged = await judgeAppFolder(failing, dir, cache);
    expect(judged.verdicts["pythonapp-output"]!.status).toBe("error");
    await judgeAppFolder(graderWith("sha256:base", builds), dir, cache);
    expect(builds.count).toBe(2);
  });
});
