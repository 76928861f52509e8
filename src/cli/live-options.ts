import os from "node:os";
import path from "node:path";
import type { LabMarks } from "../lab/lab.ts";
import type { LabgradeConfig } from "../config.ts";
import { KnownHosts } from "../docker/ssh/host-keys.ts";
import { isSshUrl, parseSshUrl, type SshTarget } from "../docker/ssh/ssh-target.ts";
import type { LiveSshOptions } from "../docker/ssh/with-ssh-engine.ts";
import { HarnessError } from "../errors.ts";
import type { ReadEvidence } from "../pipeline/evidence-source.ts";
import { readOverSsh } from "../pipeline/ssh-evidence.ts";

export interface LiveFlags {
  knownHosts?: string;
  acceptNewHosts?: boolean;
}

const DEFAULT_IDENTITIES = ["id_ed25519", "id_ecdsa", "id_rsa"];

// How labgrade reaches students' machines over SSH: host keys from --known-hosts (default ~/.ssh/known_hosts),
// keys from ssh-agent, else the usual identity files, and the timeouts from the configuration.
export function liveSshOptions(flags: LiveFlags, config: LabgradeConfig, env: NodeJS.ProcessEnv): LiveSshOptions {
  const ssh = path.join(config.home, ".ssh");
  return {
    knownHosts: new KnownHosts({ file: path.resolve(flags.knownHosts ?? path.join(ssh, "known_hosts")), acceptNew: Boolean(flags.acceptNewHosts) }),
    connectTimeoutMs: config.sshConnectTimeoutMs,
    readTimeoutMs: config.sshReadTimeoutMs,
    agentSocket: env.SSH_AUTH_SOCK || undefined,
    defaultIdentities: DEFAULT_IDENTITIES.map((name) => path.join(ssh, name)),
  };
}

export interface RemoteStudentEngine {
  url: string;
  /** The engine steps' evidence, read from it just now. */
  evidence: ReadEvidence;
  /** The grader's own engine (builds and runs the app): as found without an ssh:// DOCKER_HOST. */
  graderConfig: LabgradeConfig;
  graderEnv: NodeJS.ProcessEnv;
}

// `labgrade grade --engine ssh://…`, or DOCKER_HOST=ssh://…: the student's engine is read over SSH (and
// only read); null when the student's engine is this machine's.
export async function studentEngineOverSsh(options: LiveFlags & { engineUrl?: string; identity?: string; evidence?: string }, config: LabgradeConfig, env: NodeJS.ProcessEnv, marks: LabMarks, signal?: AbortSignal): Promise<RemoteStudentEngine | null> {
  const url = options.engineUrl ?? (isSshUrl(config.dockerHost) ? config.dockerHost : undefined);
  if (url === undefined) {
    if (options.knownHosts || options.acceptNewHosts || options.identity) throw new HarnessError("BAD_INPUT", "--known-hosts, --accept-new-hosts and --identity are for a student's engine over SSH; no --engine ssh://… was given.", "Add --engine ssh://USER@HOST, or leave those options out.");
    return null;
  }
  if (!isSshUrl(url)) throw new HarnessError("BAD_INPUT", `Expected --engine to be ssh://user@host[:port]; got "${url}".`, "For an engine on this machine, set DOCKER_HOST instead (unix:///path/to/docker.sock).");
  if (options.evidence && options.evidence !== "live") throw new HarnessError("BAD_INPUT", `Expected either a live engine or an evidence file; got --engine ${url} and --evidence ${options.evidence}.`, "Leave out --evidence to grade the engine over SSH, or --engine to grade the file.");
  const target: SshTarget = { ...parseSshUrl(url, env.USER || env.LOGNAME || os.userInfo().username), ...(options.identity ? { identity: path.resolve(options.identity) } : {}) };
  const live = liveSshOptions(options, config, env);
  const { evidence, addedHostKey } = await readOverSsh(target, live, marks, undefined, signal);
  if (addedHostKey) process.stderr.write(`Added the host key of ${target.host} (port ${target.port}) to ${live.knownHosts.policy.file} (--accept-new-hosts).\n`);
  const local = isSshUrl(config.dockerHost) ? undefined : config.dockerHost;
  const graderEnv = { ...env };
  if (isSshUrl(env.DOCKER_HOST)) {
    delete graderEnv.DOCKER_HOST;
    // docker-modem merges DOCKER_HOST from process.env into every client's options, even one given a socket
    // path: left there, the grader's own engine would be dialled over SSH as well.
    delete process.env.DOCKER_HOST;
  }
  return { url, evidence, graderConfig: { ...config, dockerHost: local }, graderEnv };
}
