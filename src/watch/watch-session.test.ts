import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cancelled } from "../errors.ts";
import { HANDOUT_FILES, handoutLab } from "../../testing/lab/lab-steps.ts";
import { DEFAULT_STEPS } from "../../testing/lab/lab-steps.ts";
import type { AppBuilder, AppRunner } from "../runners/app-runner.ts";
import { fakeGrader, HANDOUT_OUTPUT, okRun } from "../../testing/fake-grader.ts";
import { dockerAppSource } from "./docker-app-source.ts";
import { FakeEngine } from "../../testing/watch/fake-engine.ts";
import { GraderSlot } from "./grader-slot.ts";
import { watchLine, type WatchLine } from "./json-line.ts";
import { runWatchSession } from "./watch-session.ts";

const CUBES = "This is the squaring function\n[0 1 2 3 4 5 6 7 8 9] [  0   1   8  27  64 125 216 343 512 729]\n";
const TIMING = { engine: { debounceMs: 20, maxDelayMs: 100, heartbeatMs: 1_000, imagesMs: 1_000, backoff: { baseMs: 10, maxMs: 40 } }, app: { settleMs: 150 } };

// The app as the grader's builder and runner would see it, without Docker: "building" keeps the app.py it
// was given, "running" it prints the squares or the cubes as that app.py says. Everything else is real:
// the folder watcher, the settle delay, the app stage, the checks, the session and its JSON lines.
function fakeApp(buildMs = 0) {
  const built = new Map<string, string>();
  const stats = { builds: 0, running: 0, most: 0, cancelled: 0 };
  const builder: AppBuilder = {
    async build(req) {
      stats.builds++;
      stats.most = Math.max(stats.most, ++stats.running);
      try {
        const source = await readFile(path.join(req.appDir, "app.py"), "utf8");
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, buildMs);
          req.signal?.addEventListener("abort", () => (clearTimeout(timer), stats.cancelled++, reject(cancelled(req.signal!))), { once: true });
        });
        built.set(req.tag, source);
        return { ok: true, log: "", durationMs: buildMs };
      } finally {
        stats.running--;
      }
    },
  };
  const runner: AppRunner = { run: async (req) => okRun({ stdout: built.get(req.image)?.includes("y=x**3") ? CUBES : HANDOUT_OUTPUT }) };
  return { builder, runner, stats };
}

describe("runWatchSession with the app's folder", () => {
  let dir = "";
  const controller = { current: new AbortController() };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-watch-app-"));
    for (const [name, text] of Object.entries(HANDOUT_FILES)) await writeFile(path.join(dir, name), text);
    controller.current = new AbortController();
  });
  afterEach(async () => {
    controller.current.abort();
    await rm(dir, { recursive: true, force: true });
  });

  function start(buildMs = 0) {
    const app = fakeApp(buildMs);
    const lines: WatchLine[] = [];
    const slot = new GraderSlot(async () => fakeGrader(app.builder, app.runner));
    const done = runWatchSession(
      { lab: handoutLab, steps: DEFAULT_STEPS, engine: new FakeEngine(), app: dockerAppSource({ slot, dir, cache: null }), clientVersion: null, onUpdate: (u) => lines.push(watchLine(u.view, u.changed, u.at)), timing: TIMING },
      controller.current.signal,
    );
    return { lines, stats: app.stats, done };
  }

  it("editing app.py to print the wrong numbers turns pythonapp-output to failed in the next line that changes a step", async () => {
    const { lines, stats, done } = start();
    await until(() => lines.some((l) => l.steps["pythonapp-output"]?.status === "passed"));
    expect(stats.builds).toBe(1);
    const seen = lines.length;
    // An editor's save: several writes in a row; one build once they settle.
    const wrong = HANDOUT_FILES["app.py"]!.replace("y=x**2", "y=x**3");
    for (let i = 0; i < 3; i++) {
      await writeFile(path.join(dir, "app.py"), wrong);
      await sleep(30);
    }
    await until(() => lines.slice(seen).some((l) => l.changed.length > 0));
    const after = lines.slice(seen);
    const next = after.find((l) => l.changed.length > 0)!;
    expect(next.changed).toContain("pythonapp-output");
    expect(next.steps["pythonapp-output"]).toMatchObject({ status: "failed", points: 0 });
    expect(next.steps["pythonapp-output"]!.message).toMatch(/^Expected the output to show 0\.\.9 and their squares; their squares 0, 1, 4, …, 81 after them are missing\./);
    expect(next.steps["pythonapp-build"]!.status).toBe("passed");
    // Before it, at most the line that says the app is being judged again, with the old verdicts.
    expect(after.slice(0, after.indexOf(next)).map((l) => [l.app, l.changed.length, l.steps["pythonapp-output"]!.status])).toEqual([["judging", 0, "passed"]]);
    expect(next.app).toBe("judged");
    expect(stats.builds).toBe(2);
    controller.current.abort();
    await done;
  });

  it("never builds twice at a time: a change that settles during a build cancels it and builds the new files", async () => {
    const { lines, stats, done } = start(400);
    await until(() => stats.running === 1);
    await writeFile(path.join(dir, "app.py"), HANDOUT_FILES["app.py"]!.replace("y=x**2", "y=x**3"));
    await until(() => lines.some((l) => l.steps["pythonapp-output"]?.status === "failed"), 5_000);
    expect(stats).toMatchObject({ most: 1, cancelled: 1, builds: 2 });
    // The cancelled build's verdicts were never shown.
    expect(lines.some((l) => l.steps["pythonapp-output"]?.status === "passed")).toBe(false);
    controller.current.abort();
    await done;
  });

  it("does not judge again for files the app does not use, nor for editors' scratch files", async () => {
    const { lines, stats, done } = start();
    await until(() => lines.some((l) => l.app === "judged"));
    await writeFile(path.join(dir, "notes.md"), "todo");
    await writeFile(path.join(dir, ".app.py.swp"), "x");
    await sleep(400);
    expect(stats.builds).toBe(1);
    controller.current.abort();
    await done;
  });
});

async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(10);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
