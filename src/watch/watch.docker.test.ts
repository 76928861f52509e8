import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type Dockerode from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL_MANAGED } from "../docker/labels.ts";
import { startThrowawayEngine, throwawayEngineUnavailable, type ThrowawayEngine } from "../../testing/throwaway-engine.ts";
import { prepareWalk, runWalkStep, WATCH_WALK } from "../../testing/watch/handout-walk.ts";
import type { WatchLine } from "./json-line.ts";

// `labgrade watch --json-lines` follows a throwaway engine of its own (never the machine's: other tests run
// there) while the handout's commands run one by one with pauses, as a student types them.
const unavailable = await throwawayEngineUnavailable();
const BIN = fileURLToPath(new URL("../../bin/labgrade.js", import.meta.url));
const TICK_WITHIN_MS = 3_000;
const PAUSE_MS = 700;

interface Watcher {
  child: ChildProcess;
  lines: Array<{ line: WatchLine; at: number }>;
  exited: Promise<number | null>;
}

describe.skipIf(unavailable !== null)(`labgrade watch on a throwaway engine${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  let engine: ThrowawayEngine;
  let work = "";
  let watched = "";
  let appDir = "";
  const watchers: Watcher[] = [];

  beforeAll(async () => {
    engine = await startThrowawayEngine();
    work = await mkdtemp(path.join(os.tmpdir(), "labgrade-watch-docker-"));
    // The watched folder holds no Dockerfile: the app steps fail at once and nothing is built (the python
    // base is not on a throwaway engine). The walk's `docker build` uses a folder of its own.
    watched = path.join(work, "watched");
    appDir = path.join(work, "walk-app");
    await mkdir(watched);
    await mkdir(appDir);
    await prepareWalk(engine.docker, appDir);
  });

  afterAll(async () => {
    for (const w of watchers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
    await engine?.stop();
    await rm(work, { recursive: true, force: true });
  });

  function startWatcher(): Watcher {
    const child = spawn("node", [BIN, "watch", watched, "--json-lines"], {
      env: { ...process.env, DOCKER_HOST: `unix://${engine.socket}`, LABGRADE_CACHE_DIR: path.join(work, "cache"), FORCE_COLOR: "0" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines: Watcher["lines"] = [];
    createInterface({ input: child.stdout! }).on("line", (text) => lines.push({ line: JSON.parse(text) as WatchLine, at: Date.now() }));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const watcher = { child, lines, exited };
    watchers.push(watcher);
    return watcher;
  }

  it("shows each engine step turning passed within 3 s of its command, and mycontainer-created staying failed after --name my-container", async () => {
    const { lines } = startWatcher();
    await until(() => lines.some((l) => l.line.engine === "answering"), 30_000);
    const first = lines.at(-1)!.line;
    expect(first.steps["docker-engine"]!.status).toBe("passed");
    for (const step of WATCH_WALK) if (step.passes) expect(first.steps[step.passes]!.status, step.passes).toBe("failed");

    const latencies: string[] = [];
    for (const step of WATCH_WALK) {
      const command = `docker ${step.args.join(" ")}`;
      const seen = lines.length;
      const started = Date.now();
      await runWalkStep(engine.socket, step, appDir);
      const returned = Date.now();
      if (step.passes) {
        const passes = step.passes;
        await until(() => lines.slice(seen).some((l) => l.line.steps[passes]!.status === "passed"), TICK_WITHIN_MS + 2_000).catch(() => undefined);
        const tick = lines.slice(seen).find((l) => l.line.steps[passes]!.status === "passed");
        expect(tick, `${passes} never turned passed after \`${command}\``).toBeDefined();
        expect(tick!.line.changed).toContain(passes);
        latencies.push(`${command}: ${tick!.at - returned} ms after it returned (${returned - started} ms to run)`);
        expect(tick!.at - returned, `${passes} after \`${command}\``).toBeLessThanOrEqual(TICK_WITHIN_MS);
      }
      await sleep(PAUSE_MS);
      const now = lines.at(-1)!.line;
      for (const [id, status] of Object.entries(step.then)) expect(now.steps[id]!.status, `${id} after \`${command}\``).toBe(status);
      if (step.args.includes("my-container")) {
        expect(now.steps["mycontainer-created"]!.message).toBe("Expected a container named `mycontainer`; found `my-container` (created from hello-world).");
        expect(lines.slice(seen).every((l) => l.line.steps["mycontainer-created"]!.status === "failed")).toBe(true);
      }
    }
    console.log(`labgrade watch, command → tick:\n  ${latencies.join("\n  ")}`);
  });

  it("Ctrl-C exits 130 and leaves the engine as it found it, with nothing of labgrade's", async () => {
    const watcher = watchers[0]!;
    const before = await engineState(engine.docker);
    watcher.child.kill("SIGINT");
    expect(await watcher.exited).toBe(130);
    expect(await engineState(engine.docker)).toEqual(before);
    expect(await engine.docker.listContainers({ all: true, filters: { label: [LABEL_MANAGED] } })).toEqual([]);
    expect(await engine.docker.listImages({ filters: { label: [LABEL_MANAGED] } })).toEqual([]);
    expect(await readdir(watched)).toEqual([]);
  });

  it("says the engine is not answering when it goes away, and keeps the steps as last seen", async () => {
    const { lines, child, exited } = startWatcher();
    await until(() => lines.some((l) => l.line.engine === "answering"), 30_000);
    const last = lines.at(-1)!.line;
    const killed = Date.now();
    await engine.kill();
    await until(() => lines.some((l) => l.line.engine === "not answering"), 5_000);
    const lost = lines.find((l) => l.line.engine === "not answering")!;
    expect(lost.at - killed).toBeLessThan(TICK_WITHIN_MS);
    expect(lost.line.changed).toEqual([]);
    expect(lost.line.steps).toEqual(last.steps);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
  });
});

// What a student's commands made: containers (name, state) and image tags. labgrade's own are left out.
async function engineState(docker: Dockerode): Promise<unknown> {
  const containers = (await docker.listContainers({ all: true })).map((c) => `${c.Names.join(",")} ${c.State} ${c.Image}`).sort();
  const tags = (await docker.listImages()).flatMap((i) => i.RepoTags ?? []).sort();
  return { containers, tags };
}

async function until(condition: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms`);
    await sleep(20);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
