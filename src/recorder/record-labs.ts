import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import type { LabgradeConfig } from "../config.ts";
import type { Engine } from "../docker/connect.ts";
import { followStream } from "../docker/follow.ts";
import { HarnessError } from "../errors.ts";
import { snapshotOf, writeEvidenceFile } from "../evidence/evidence-file.ts";
import { ensureLabImage } from "../images/ensure.ts";
import { imageState } from "../images/image-state.ts";
import { labImage } from "../images/lab-images.ts";
import { substituteBuilder } from "../images/substitutes.ts";
import type { StepStatus } from "../lab/check-result.ts";
import { judgeEngine } from "../lab/judge.ts";
import type { Lab } from "../lab/lab.ts";
import { labFolder } from "../labfile/index.ts";
import { silentProgress } from "../progress/progress.ts";
import { recordWalk } from "./record-walk.ts";
import { startThrowawayEngine, throwawayEngineUnavailable, type ThrowawayEngine } from "./throwaway-engine.ts";
import { labWalkScripts } from "./walk-scripts.ts";

/** What `labgrade lab record` was asked to do. */
export interface RecordRequest {
  labs: Lab[];
  /** Walks by name; empty: every walk. */
  only: string[];
  out: string;
  /** Also write each walk that gave its expected verdicts into the lab's walks/<name>/. */
  updateFixtures: boolean;
  /** Where the walks run: an engine of the recorder's own, or the machine's (which must hold no lab work). */
  engine: { kind: "machine" } | { kind: "throwaway"; images: { from: "tar"; file: string } | { from: "machine" } | { from: "substitutes" }; binDir?: string; containerdStore: boolean };
  suffix: string;
}

/** One walk recorded: the verdicts that differ from walks.yaml's (empty when none), and where it was written. */
export interface RecordedWalk {
  lab: string;
  walk: string;
  seconds: number;
  wrong: Array<{ step: string; expected: StepStatus; found: StepStatus | undefined; message: string | undefined }>;
  written: string[];
  /** With updateFixtures: the lab's walks/<name>/ left as it was, because the verdicts differ or the walk failed. */
  held: string | null;
  /** Why the walk could not be recorded (a command of it failed): nothing of it was written. */
  error?: string;
}

// Walks each lab's walks.yaml with the docker CLI, collects the evidence each walk leaves (format 3, as `labgrade
// collect` writes it), judges it against the verdicts the walk expects, and writes it. The machine's engine is read
// only through `machine` (never opened for a throwaway recording that does not copy from it).
export async function recordLabs(request: RecordRequest, deps: { config: LabgradeConfig; machine: () => Promise<Engine>; log: (line: string) => void; signal?: AbortSignal }): Promise<RecordedWalk[]> {
  const recorded: RecordedWalk[] = [];
  // Every walks.yaml read, and every --only found, before an engine is started.
  const plans = request.labs.map((lab) => ({ lab, walks: labWalkScripts(lab) }));
  const known = plans.flatMap((p) => p.walks.map((w) => w.name));
  const unknown = request.only.filter((name) => !known.includes(name));
  if (unknown.length) throw new HarnessError("BAD_INPUT", `--only ${unknown.join(", ")}: no such walk in ${plans.map((p) => `${p.lab.id}'s walks.yaml`).join(" or ")}.`, `Its walks: ${[...new Set(known)].join(", ")}.`);
  const { engine, env, throwaway } = await openRecordingEngine(request, deps);
  try {
    for (const { lab, walks: all } of plans) {
      const walks = all.filter((w) => !request.only.length || request.only.includes(w.name));
      for (const walk of walks) {
        deps.signal?.throwIfAborted();
        const started = Date.now();
        let evidence;
        try {
          evidence = await recordWalk(walk, { engine, lab, log: deps.log, ...(env ? { env } : {}), ...(deps.signal ? { signal: deps.signal } : {}) });
        } catch (error) {
          // A walk whose command fails is reported by name; the other walks are still recorded.
          if (deps.signal?.aborted) throw error;
          recorded.push({ lab: lab.id, walk: walk.name, seconds: (Date.now() - started) / 1000, wrong: [], written: [], held: request.updateFixtures ? path.join(labFolder(lab), "walks", walk.name) : null, error: (error as Error).message });
          continue;
        }
        const results = judgeEngine(lab, { kind: "snapshot", snapshot: snapshotOf(evidence), source: "live" });
        const wrong = Object.entries(walk.expected).filter(([id, status]) => results[id]?.status !== status).map(([step, expected]) => ({ step, expected, found: results[step]?.status, message: results[step]?.message }));
        const name = `${walk.name}${request.suffix ? `-${request.suffix}` : ""}`;
        const { folders, held } = recordingFolders({ out: request.out, lab: { id: lab.id, folder: labFolder(lab) }, name, updateFixtures: request.updateFixtures, asExpected: wrong.length === 0 });
        for (const dir of folders) {
          await mkdir(dir, { recursive: true });
          await writeEvidenceFile(path.join(dir, "evidence.json"), evidence);
          await writeFile(path.join(dir, "expected.json"), `${JSON.stringify({ description: walk.description, steps: walk.expected, trust: { level: "collected", reasons: [] } }, null, 2)}\n`);
        }
        recorded.push({ lab: lab.id, walk: walk.name, seconds: (Date.now() - started) / 1000, wrong, written: folders, held });
      }
    }
  } finally {
    await throwaway?.stop();
  }
  return recorded;
}

/** Where a walk's recording goes: always under --out; into the lab's walks/ only with --update-fixtures and only
 * when its verdicts are the ones walks.yaml expects (`held`: the folder left as it was). */
export function recordingFolders(o: { out: string; lab: { id: string; folder: string }; name: string; updateFixtures: boolean; asExpected: boolean }): { folders: string[]; held: string | null } {
  const fixture = path.join(o.lab.folder, "walks", o.name);
  const folders = [path.resolve(o.out, o.lab.id, o.name), ...(o.updateFixtures && o.asExpected ? [fixture] : [])];
  return { folders, held: o.updateFixtures && !o.asExpected ? fixture : null };
}

async function openRecordingEngine(request: RecordRequest, deps: { config: LabgradeConfig; machine: () => Promise<Engine>; log: (line: string) => void }): Promise<{ engine: Engine; env?: NodeJS.ProcessEnv; throwaway?: ThrowawayEngine }> {
  const wanted = request.engine;
  if (wanted.kind === "machine") return { engine: await deps.machine() };
  const unavailable = await throwawayEngineUnavailable();
  if (unavailable) throw new HarnessError("BAD_INPUT", `--throwaway: ${unavailable}.`, "Record as root on a Linux machine with dockerd, ip and nsenter (a CI runner or a course server), or without --throwaway on an engine that holds no containers, volumes or networks.");
  const machine = wanted.images.from === "machine" ? await deps.machine() : null;
  const throwaway = await startThrowawayEngine({ bridge: true, ...(wanted.binDir ? { binDir: wanted.binDir } : {}), daemonConfig: wanted.containerdStore ? { features: { "containerd-snapshotter": true } } : {} });
  try {
    const url = `unix://${throwaway.socket}`;
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: url, LABGRADE_OFFLINE: "1" };
    const engine: Engine = { docker: throwaway.docker, endpoint: { url, source: "a throwaway engine" }, clientVersion: (await execa("docker", ["version", "--format", "{{.Client.Version}}"], { env, extendEnv: false, reject: false })).stdout.trim() || null };
    if (wanted.images.from === "tar") await execa("docker", ["load", "-i", wanted.images.file], { env, extendEnv: false });
    if (machine) await copyLabImages(request.labs, machine, engine, deps.log);
    for (const image of [...new Set(request.labs.flatMap((l) => l.images))].map(labImage)) {
      await ensureLabImage(image, { docker: engine.docker, registryAnswers: async () => false, buildSubstitute: substituteBuilder(engine.docker, deps.config), progress: () => silentProgress, forceOffline: true });
    }
    return { engine, env, throwaway };
  } catch (error) {
    await throwaway.stop();
    throw error;
  }
}

// Copies each lab image from one engine to another, as `docker save | docker load` would: its public tag, or
// labgrade's private copy when the public one is gone (ensureLabImage then tags it again).
async function copyLabImages(labs: Lab[], from: Engine, to: Engine, log: (line: string) => void): Promise<void> {
  for (const image of [...new Set(labs.flatMap((l) => l.images))].map(labImage)) {
    const source = (await imageState(from.docker, image.publicTag)).present ? image.publicTag : image.privateTag;
    if (!(await imageState(from.docker, source)).present) throw new HarnessError("BAD_INPUT", `--copy-images: this machine's engine has neither ${image.publicTag} nor ${image.privateTag}.`, "Run `npx labgrade images --lab <lab>` first, or give --images TAR.");
    const started = Date.now();
    const loaded = await followStream(await to.docker.loadImage(await from.docker.getImage(source).get()), () => undefined);
    if (loaded.error !== undefined) throw new HarnessError("ENGINE_FAILED", `--copy-images: the throwaway engine did not load ${source}: ${loaded.error}`);
    log(`copied ${source} from this machine's engine in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  }
}
