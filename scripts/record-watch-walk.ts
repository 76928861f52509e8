// Records what the watcher sees while the handout is walked on a throwaway engine (never the machine's):
// every event the session feeds its reducer, grouped by the command that caused it. The unit tests replay
// these walks through the reducer and the judge. Run as root: `npx tsx scripts/record-watch-walk.ts`.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readConfig } from "../src/config.ts";
import { openGrader } from "../src/pipeline/grader.ts";
import { DEFAULT_STEPS, handoutLab } from "../testing/lab/lab-steps.ts";
import { DEFAULT_SANDBOX } from "../src/runners/app-runner.ts";
import { startThrowawayEngine } from "../testing/throwaway-engine.ts";
import { dockerAppSource } from "../src/watch/docker-app-source.ts";
import { dockerEngineSource } from "../src/watch/docker-engine-source.ts";
import { GraderSlot } from "../src/watch/grader-slot.ts";
import { prepareWalk, runWalkStep, WATCH_WALK } from "../testing/watch/handout-walk.ts";
import type { RecordedWalk } from "../src/watch/recorded-walk.ts";
import type { WatchEvent } from "../src/watch/watch-state.ts";
import { runWatchSession } from "../src/watch/watch-session.ts";

const OUT = fileURLToPath(new URL("../fixtures/watch/handout-walk.json", import.meta.url));
const PAUSE_MS = 1_500;

const engine = await startThrowawayEngine();
const work = await mkdtemp(path.join(os.tmpdir(), "labgrade-watch-record-"));
const controller = new AbortController();
try {
  const watched = path.join(work, "watched");
  const appDir = path.join(work, "walk-app");
  await mkdir(watched);
  await mkdir(appDir);
  await prepareWalk(engine.docker, appDir);
  const env = { ...process.env, DOCKER_HOST: `unix://${engine.socket}` };
  const slot = new GraderSlot(() => openGrader({ config: readConfig(env), lab: handoutLab, steps: DEFAULT_STEPS, sandbox: DEFAULT_SANDBOX, buildTimeoutMs: 60_000, env }));
  const recorded: RecordedWalk = { schema: "labgrade.watch-walk/1", engine: (await engine.docker.version()).Version, commands: [{ command: "(watch starts)", exitCode: 0, events: [] }] };
  const record = (event: WatchEvent) => recorded.commands.at(-1)!.events.push(event);
  const session = runWatchSession({ lab: handoutLab, steps: DEFAULT_STEPS, engine: dockerEngineSource(slot, handoutLab.marks), app: dockerAppSource({ slot, dir: watched, cache: null }), clientVersion: null, onUpdate: () => undefined, record }, controller.signal);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  for (const step of WATCH_WALK) {
    const entry = { command: `docker ${step.args.join(" ")}`, exitCode: 0, events: [] as WatchEvent[] };
    recorded.commands.push(entry);
    entry.exitCode = (await runWalkStep(engine.socket, step, appDir)).exitCode;
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
  }
  controller.abort();
  await session;
  await slot.close();
  await writeFile(OUT, JSON.stringify(recorded, null, 1) + "\n");
  process.stdout.write(`Wrote ${OUT}: ${recorded.commands.map((c) => `${c.command} (${c.events.length} events)`).join("; ")}\n`);
} finally {
  controller.abort();
  await engine.stop();
  await rm(work, { recursive: true, force: true });
}
