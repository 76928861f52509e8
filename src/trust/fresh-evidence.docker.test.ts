import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import { readEvidence } from "../evidence/evidence-file.ts";
import { judgeEngine } from "../lab/judge.ts";
import { startThrowawayEngine, throwawayEngineUnavailable, type ThrowawayEngine } from "../../testing/throwaway-engine.ts";
import { prepareWalk, runWalkStep, type WatchWalkStep } from "../../testing/watch/handout-walk.ts";
import { trustLab } from "./trust-context.ts";
import { assessEvidence } from "./assess-evidence.ts";
import { handoutLab } from "../../testing/lab/lab-steps.ts";

// Evidence collected by `labgrade collect` right after a short walk of the handout, on a throwaway engine of its
// own (never the machine's: the walk removes hello-world and python): every check must find nothing.
const unavailable = await throwawayEngineUnavailable();
const BIN = fileURLToPath(new URL("../../bin/labgrade.js", import.meta.url));
const WALK: WatchWalkStep[] = [
  { args: ["run", "hello-world"], then: {} },
  { args: ["container", "create", "-i", "-t", "--name", "mycontainer", "hello-world"], then: {} },
  { args: ["container", "start", "--attach", "-i", "mycontainer"], then: {} },
  { args: ["image", "rm", "-f", "hello-world"], then: {} },
  { args: ["build", "-t", "pythonapp", "."], inApp: true, then: {} },
  { args: ["run", "pythonapp"], then: {} },
  { args: ["image", "rm", "python", "-f"], then: {} },
];

describe.skipIf(unavailable !== null)(`fresh evidence on a throwaway engine${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  let engine: ThrowawayEngine;
  let work = "";
  let appDir = "";

  beforeAll(async () => {
    engine = await startThrowawayEngine();
    work = await mkdtemp(path.join(os.tmpdir(), "labgrade-trust-docker-"));
    appDir = path.join(work, "app");
    await execa("mkdir", [appDir]);
    await prepareWalk(engine.docker, appDir);
    for (const step of WALK) await runWalkStep(engine.socket, step, appDir);
  }, 240_000);

  afterAll(async () => {
    await engine?.stop();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("is collected with no reason, grades the walk, and collecting changes nothing on the engine", async () => {
    const before = await engineState(engine);
    const file = path.join(work, "evidence.json");
    const env = { ...process.env, DOCKER_HOST: `unix://${engine.socket}`, LABGRADE_CACHE_DIR: path.join(work, "cache") };
    const collected = await execa("node", [BIN, "collect", "-o", file], { env, reject: false, timeout: 60_000 });
    expect(collected.stderr).toBe("");
    expect(collected.exitCode).toBe(0);
    expect(await engineState(engine)).toEqual(before);

    const evidence = await readEvidence(file);
    expect(evidence.format).toBe(3);
    if (evidence.format === 1) return;
    expect(evidence.file.raw!.events!.events.length).toBeGreaterThan(10);
    expect(evidence.file.raw!.containers).toHaveLength(3);
    const dockerfile = readDockerfileFacts(await readFile(path.join(appDir, "Dockerfile"), "utf8"));
    expect(assessEvidence(evidence, { now: new Date(), lab: trustLab(handoutLab), dockerfile })).toEqual({ level: "collected", reasons: [] });
    const results = judgeEngine(handoutLab, { kind: "snapshot", snapshot: evidence.snapshot, source: "evidence-file" });
    for (const id of ["docker-engine", "hello-world-ran", "mycontainer-created", "mycontainer-started", "hello-world-removed", "pythonapp-image", "python-image-removed"] as const) {
      expect({ id, status: results[id]!.status }).toEqual({ id, status: "passed" });
    }
  }, 120_000);
});

async function engineState(engine: ThrowawayEngine): Promise<unknown> {
  const containers = (await engine.docker.listContainers({ all: true })).map((c) => `${c.Id} ${c.State} ${c.Names.join(",")}`).sort();
  const images = (await engine.docker.listImages({ all: true })).map((i) => `${i.Id} ${(i.RepoTags ?? []).join(",")}`).sort();
  return { containers, images };
}
