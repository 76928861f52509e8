import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { execa } from "execa";
import type { Engine } from "../docker/connect.ts";
import { LABEL_MANAGED } from "../docker/labels.ts";
import { HarnessError } from "../errors.ts";
import type { EngineSnapshot } from "../evidence/types.ts";
import { tag } from "../images/ensure.ts";
import { imageState } from "../images/image-state.ts";
import { LAB_IMAGES } from "../images/lab-images.ts";
import { readLiveSnapshot } from "../pipeline/gather-snapshot.ts";
import type { Walk } from "./walks.ts";

export interface RecordDeps {
  engine: Engine;
  /** The folder holding app.py and Dockerfile that `docker build -t pythonapp .` builds. */
  appDir: string;
  log: (line: string) => void;
}

// Walks the handout's commands with the real docker CLI and snapshots what the engine then holds.
// The engine must hold no student work: the walk creates `mycontainer` and removes the lab's tags.
// Afterwards it removes what it made and puts the lab images' tags back from labgrade's private copies.
export async function recordWalk(walk: Walk, deps: RecordDeps): Promise<EngineSnapshot> {
  const { docker } = deps.engine;
  await assertNoStudentWork(docker);
  const app = await mkdtemp(path.join(os.tmpdir(), "labgrade-walk-"));
  await cp(deps.appDir, app, { recursive: true, filter: (src) => !/(evidence|expected)\.json$/.test(src) });
  try {
    await runWalk(walk, app, deps.log);
    return await readLiveSnapshot(deps.engine);
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
  const result = await execa("docker", args, { cwd, reject: false, timeout: 600_000, input: "", ...(env ? { env } : {}) });
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
