import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { execa } from "execa";
import type { Engine } from "../../src/docker/connect.ts";
import { LABEL_MANAGED } from "../../src/docker/labels.ts";
import { HarnessError } from "../../src/errors.ts";
import { collectEvidence } from "../../src/evidence/collect-evidence.ts";
import { wantsLabLogs } from "../../src/lab/names.ts";
import type { EvidenceFileV2 } from "../../src/evidence/evidence-file-v2.ts";
import { tag } from "../../src/images/ensure.ts";
import { imageState } from "../../src/images/image-state.ts";
import { LAB_IMAGES } from "../../src/images/lab-images.ts";
import { version } from "../../src/version.ts";
import type { Walk } from "./walks.ts";

export interface RecordDeps {
  engine: Engine;
  /** The folder holding app.py and Dockerfile that `docker build -t pythonapp .` builds. */
  appDir: string;
  log: (line: string) => void;
  /** The docker CLI's environment (DOCKER_HOST of a throwaway engine); the process's own by default. */
  env?: NodeJS.ProcessEnv;
}

// Walks the handout's commands with the real docker CLI and collects what the engine then holds, as
// `labgrade collect` would (format 2: facts, the engine's documents and events, a digest).
// The engine must hold no student work: the walk creates `mycontainer` and removes the lab's tags.
// Afterwards it removes what it made and puts the lab images' tags back from labgrade's private copies.
export async function recordWalk(walk: Walk, deps: RecordDeps): Promise<EvidenceFileV2> {
  const { docker } = deps.engine;
  await assertNoStudentWork(docker);
  const app = await mkdtemp(path.join(os.tmpdir(), "labgrade-walk-"));
  await cp(deps.appDir, app, { recursive: true, filter: (src) => !/(evidence|expected)\.json$/.test(src) });
  try {
    await runWalk(walk, app, deps.log, deps.env);
    return await collectEvidence(docker, { endpoint: deps.engine.endpoint.url, clientVersion: deps.engine.clientVersion ?? null, labgradeVersion: version(), wantsLogs: wantsLabLogs });
  } finally {
    await resetEngine(docker);
    await rm(app, { recursive: true, force: true });
  }
}

// Runs the walk's commands with the docker CLI (DOCKER_HOST names the engine) and leaves what they made.
export async function runWalk(walk: Walk, appDir: string, log: (line: string) => void, env?: NodeJS.ProcessEnv): Promise<void> {
  for (const command of walk.commands) await runCommand(command.args, command.inApp ? appDir : undefined, command.mayFail, command.orElse, log, env);
}

async function runCommand(args: string[], cwd: string | undefined, mayFail: boolean | undefined, orElse: string[] | undefined, log: (l: string) => void, env?: NodeJS.ProcessEnv): Promise<void> {
  const result = await execa("docker", args, { cwd, reject: false, timeout: 600_000, input: "", ...(env ? { env, extendEnv: false } : {}) });
  log(`$ docker ${args.join(" ")} -> exit ${result.exitCode}`);
  if (result.exitCode === 0 || mayFail) return;
  if (orElse) return runCommand(orElse, cwd, false, undefined, log, env);
  throw new HarnessError("ENGINE_FAILED", `The walk's command \`docker ${args.join(" ")}\` failed: ${String(result.stderr).trim()}`);
}

async function assertNoStudentWork(docker: Dockerode): Promise<void> {
  const theirs = (await docker.listContainers({ all: true })).filter((c) => !c.Labels?.[LABEL_MANAGED]);
  const pythonapp = await imageState(docker, "pythonapp:latest");
  if (theirs.length > 0 || pythonapp.present) {
    throw new HarnessError("BAD_INPUT", `Recording walks needs an engine without lab work on it; found ${theirs.length} containers (${theirs.map((c) => c.Names[0]).join(", ")})${pythonapp.present ? " and a pythonapp image" : ""}.`, "Record on a throwaway or CI engine, never on a student's.");
  }
}

export async function resetEngine(docker: Dockerode): Promise<void> {
  for (const c of (await docker.listContainers({ all: true })).filter((c) => !c.Labels?.[LABEL_MANAGED])) {
    await docker.getContainer(c.Id).remove({ force: true });
  }
  if ((await imageState(docker, "pythonapp:latest")).present) await docker.getImage("pythonapp:latest").remove({ force: true });
  for (const image of LAB_IMAGES) {
    if (!(await imageState(docker, image.publicTag)).present && (await imageState(docker, image.privateTag)).present) await tag(docker, image.privateTag, image.publicTag);
  }
}
