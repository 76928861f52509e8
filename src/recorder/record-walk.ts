import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { execa } from "execa";
import type { Engine } from "../docker/connect.ts";
import { LABEL_MANAGED } from "../docker/labels.ts";
import { HarnessError } from "../errors.ts";
import { collectEvidence } from "../evidence/collect-evidence.ts";
import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import { tag } from "../images/ensure.ts";
import { imageState } from "../images/image-state.ts";
import { labImage } from "../images/lab-images.ts";
import { wantsLogs } from "../lab/lab-container.ts";
import type { Lab } from "../lab/lab.ts";
import { labFolder } from "../labfile/index.ts";
import { version } from "../version.ts";
import type { Walk } from "./walk-scripts.ts";

export interface RecordDeps {
  engine: Engine;
  lab: Lab;
  log: (line: string) => void;
  /** The docker CLI's environment (DOCKER_HOST of a throwaway engine); the process's own by default. */
  env?: NodeJS.ProcessEnv;
  /** Ends the walk's command that is running (Ctrl-C); what the walk made is removed all the same. */
  signal?: AbortSignal;
}

const DEFAULT_NETWORKS = new Set(["bridge", "host", "none"]);

// Walks a lab's commands with the real docker CLI and collects what the engine then holds, as `labgrade collect`
// would (format 3: facts, the engine's documents and events, a digest). The engine must hold no lab work: the walk
// makes containers, volumes, networks and tags, and removes the lab's images' tags. Afterwards it removes what the
// walk made and puts the lab images' tags back from labgrade's private copies.
export async function recordWalk(walk: Walk, deps: RecordDeps): Promise<EvidenceFileV2> {
  const { docker } = deps.engine;
  await assertNoLabWork(docker);
  const before = await taggedImages(docker);
  const work = await mkdtemp(path.join(os.tmpdir(), "labgrade-walk-"));
  try {
    await copyFolders(deps.lab, walk, work);
    await runWalk(walk, work, deps.log, deps.env, deps.signal);
    return await collectEvidence(docker, { endpoint: deps.engine.endpoint.url, clientVersion: deps.engine.clientVersion ?? null, labgradeVersion: version(), wantsLogs: (c) => wantsLogs(deps.lab.marks, c) });
  } finally {
    await resetEngine(docker, deps.lab, before);
    await rm(work, { recursive: true, force: true });
  }
}

// Runs the walk's commands with the docker CLI (DOCKER_HOST names the engine) and leaves what they made. `$PWD` in a
// command is the folder it runs in, as a shell would expand it.
export async function runWalk(walk: Walk, work: string, log: (line: string) => void, env?: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<void> {
  for (const command of walk.commands) {
    signal?.throwIfAborted();
    const cwd = command.in ? path.join(work, command.in) : work;
    const expand = (args: string[]) => args.map((a) => a.replaceAll("$PWD", cwd));
    await runCommand(expand(command.args), cwd, command.mayFail, command.orElse && expand(command.orElse), log, env, signal);
  }
}

async function runCommand(args: string[], cwd: string, mayFail: boolean | undefined, orElse: string[] | undefined, log: (l: string) => void, env?: NodeJS.ProcessEnv, signal?: AbortSignal): Promise<void> {
  const result = await execa("docker", args, { cwd, reject: false, timeout: 600_000, input: "", ...(env ? { env, extendEnv: false } : {}), ...(signal ? { cancelSignal: signal } : {}) });
  signal?.throwIfAborted();
  log(`$ docker ${args.join(" ")} -> exit ${result.exitCode}`);
  if (result.exitCode === 0 || mayFail) return;
  if (orElse) return runCommand(orElse, cwd, false, undefined, log, env, signal);
  throw new HarnessError("ENGINE_FAILED", `The walk's command \`docker ${args.join(" ")}\` failed: ${String(result.stderr).trim()}`);
}

// The lab's folders the walk's commands run in, copied without the files labgrade keeps beside a hand-in.
async function copyFolders(lab: Lab, walk: Walk, work: string): Promise<void> {
  for (const folder of new Set(walk.commands.flatMap((c) => (c.in ? [c.in] : [])))) {
    await mkdir(path.join(work, folder), { recursive: true });
    await cp(path.join(labFolder(lab), folder), path.join(work, folder), { recursive: true, filter: (src) => !/(evidence|expected)\.json$/.test(src) });
  }
}

async function assertNoLabWork(docker: Dockerode): Promise<void> {
  const theirs = (await docker.listContainers({ all: true })).filter((c) => !c.Labels?.[LABEL_MANAGED]);
  const volumes = ((await docker.listVolumes()).Volumes ?? []).filter((v) => !v.Labels?.[LABEL_MANAGED]);
  const networks = (await docker.listNetworks()).filter((n) => !DEFAULT_NETWORKS.has(n.Name) && !n.Labels?.[LABEL_MANAGED]);
  if (theirs.length > 0 || volumes.length > 0 || networks.length > 0) {
    const found = [...theirs.map((c) => `the container ${c.Names[0]}`), ...volumes.map((v) => `the volume ${v.Name}`), ...networks.map((n) => `the network ${n.Name}`)];
    throw new HarnessError("BAD_INPUT", `Recording walks needs an engine without lab work on it; found ${found.slice(0, 8).join(", ")}${found.length > 8 ? ", …" : ""}.`, "Record on an engine of the recorder's own (`labgrade lab record --throwaway`), or on a clean CI engine: never on one where anyone works.");
  }
}

async function taggedImages(docker: Dockerode): Promise<Set<string>> {
  return new Set((await docker.listImages()).flatMap((i) => i.RepoTags ?? []).filter((t) => t !== "<none>:<none>"));
}

// Removes what the walk made (containers, volumes, networks, tags it added) and puts the lab images' tags back.
export async function resetEngine(docker: Dockerode, lab: Lab, before: ReadonlySet<string>): Promise<void> {
  for (const c of (await docker.listContainers({ all: true })).filter((c) => !c.Labels?.[LABEL_MANAGED])) await docker.getContainer(c.Id).remove({ force: true, v: true });
  for (const n of (await docker.listNetworks()).filter((n) => !DEFAULT_NETWORKS.has(n.Name) && !n.Labels?.[LABEL_MANAGED])) await docker.getNetwork(n.Id).remove().catch(() => undefined);
  for (const v of ((await docker.listVolumes()).Volumes ?? []).filter((v) => !v.Labels?.[LABEL_MANAGED])) await docker.getVolume(v.Name).remove().catch(() => undefined);
  for (const t of await taggedImages(docker)) {
    if (!before.has(t) && !t.startsWith("labgrade/")) await docker.getImage(t).remove({ force: true }).catch(() => undefined);
  }
  for (const image of lab.images.map(labImage)) {
    if (!(await imageState(docker, image.publicTag)).present && (await imageState(docker, image.privateTag)).present) await tag(docker, image.privateTag, image.publicTag);
  }
}
