import { readFile } from "node:fs/promises";
import Dockerode from "dockerode";
import ssh2, { type AgentAuthMethod, type ConnectConfig, type PublicKeyAuthMethod, type SFTPWrapper } from "ssh2";
import { HarnessError } from "../../errors.ts";
import type { Engine } from "../connect.ts";
import { DialStdioAgent } from "./dial-stdio-agent.ts";
import type { KnownHosts } from "./host-keys.ts";
import { sshUrl, type SshTarget } from "./ssh-target.ts";

export interface SshEngineOptions {
  knownHosts: KnownHosts;
  /** TCP connect, SSH handshake, host key and login, together. */
  connectTimeoutMs: number;
  /** ssh-agent's socket (SSH_AUTH_SOCK), when there is one. */
  agentSocket: string | undefined;
  /** Identity files tried when the target names none (~/.ssh/id_ed25519, …); missing ones are skipped. */
  defaultIdentities: readonly string[];
}

/** A student's engine over SSH: the Docker API (read only) and their files, over one connection. */
export interface SshEngine {
  engine: Engine;
  /** The student's files over the same connection (SFTP), opened on first use. */
  sftp(): Promise<SFTPWrapper>;
  /** Whether --accept-new-hosts added the host's key to known_hosts on this connection. */
  addedHostKey: boolean;
  close(): void;
}

// ssh2 is CommonJS, and Node finds none of its named exports.
const { Client, utils } = ssh2;

type LoginMethod = AgentAuthMethod | PublicKeyAuthMethod;

// DEFAULT_SERVER_HOST_KEY of ssh2, with ed25519 first: what is asked for after the types known_hosts knows.
const HOST_KEY_ALGORITHMS = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"];
const ALGORITHMS_FOR_TYPE: Record<string, string[]> = { "ssh-rsa": ["rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"] };

// Logs in to the student's machine, checks its host key against known_hosts, and pings its engine through
// `docker system dial-stdio`. Every failure is "could not reach HOST: …", a harness error: the student's
// grade is never touched by a machine labgrade could not read.
export async function openSshEngine(target: SshTarget, options: SshEngineOptions): Promise<SshEngine> {
  let refusal: string | null = null;
  const hint = `Check that the machine is on and that \`ssh -p ${target.port} ${target.user}@${target.host} docker version\` works from here, then grade again.`;
  const unreachable = (why: string, cause?: unknown) => new HarnessError("ENGINE_UNREACHABLE", `could not reach ${target.host}: ${why}`, refusal ? undefined : hint, { cause });
  const auth = await authMethods(target, options).catch((error: Error) => {
    throw unreachable(error.message, error);
  });
  const preferred = (await options.knownHosts.preferredTypes(target.host, target.port)).flatMap((t) => ALGORITHMS_FOR_TYPE[t] ?? [t]);
  const client = new Client();
  let addedHostKey = false;
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.user,
    authHandler: auth,
    readyTimeout: options.connectTimeoutMs,
    keepaliveInterval: 5_000,
    keepaliveCountMax: 3,
    algorithms: { serverHostKey: [...new Set([...preferred.filter((a) => HOST_KEY_ALGORITHMS.includes(a)), ...HOST_KEY_ALGORITHMS])] as NonNullable<ConnectConfig["algorithms"]>["serverHostKey"] },
    hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => {
      options.knownHosts.check(target.host, target.port, key).then(
        (outcome) => {
          if (!outcome.ok) refusal = outcome.reason;
          else addedHostKey = outcome.added;
          verify(outcome.ok);
        },
        (error: Error) => {
          refusal = `its host key could not be checked: ${error.message}`;
          verify(false);
        },
      );
    },
  };
  await new Promise<void>((resolve, reject) => {
    client.once("ready", () => resolve());
    // The first error says why; later ones (the connection lost after a timeout, a dropped connection while
    // reading, which fails the requests in flight) must not end the process.
    client.on("error", (error: Error & { level?: string; code?: string }) => reject(unreachable(refusal ?? describeSshError(error, target, options.connectTimeoutMs, auth), error)));
    client.connect(config);
  }).catch((error: unknown) => {
    client.end();
    throw error;
  });
  const agent = new DialStdioAgent(client);
  const close = () => {
    agent.destroy();
    client.end();
  };
  // docker-modem takes an http.Agent (its `agent` option), which @types/dockerode does not list.
  const docker = new Dockerode({ protocol: "http", host: target.host, port: target.port, agent } as Dockerode.DockerOptions);
  const engine: Engine = { docker, endpoint: { url: sshUrl(target), source: "--engine" }, clientVersion: null };
  try {
    await engine.docker.ping();
  } catch (error) {
    close();
    throw unreachable(agent.problem ?? `its Docker engine did not answer through \`docker system dial-stdio\`: ${(error as Error).message}`, error);
  }
  // The evidence names the docker client the student has; over SSH that is the remote one.
  engine.clientVersion = await remoteClientVersion(client);
  let sftp: Promise<SFTPWrapper> | undefined;
  return {
    engine,
    addedHostKey,
    sftp: () => (sftp ??= new Promise<SFTPWrapper>((resolve, reject) => client.sftp((error, wrapper) => (error ? reject(unreachable(`its files could not be read over SFTP: ${error.message}`, error)) : resolve(wrapper))))),
    close,
  };
}

// The agent's keys first (as ssh tries them), then the target's identity file, else the usual ones.
async function authMethods(target: SshTarget, options: SshEngineOptions): Promise<LoginMethod[]> {
  const methods: LoginMethod[] = [];
  if (options.agentSocket) methods.push({ type: "agent", username: target.user, agent: options.agentSocket });
  const files = target.identity ? [target.identity] : options.defaultIdentities;
  for (const file of files) {
    const text = await readFile(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT" && !target.identity) return null;
      throw new Error(`the identity file ${file} could not be read (${error.code ?? error.message})`);
    });
    if (text === null) continue;
    const parsed = utils.parseKey(text);
    if (parsed instanceof Error) {
      if (/passphrase/i.test(parsed.message)) throw new Error(`the identity file ${file} is protected by a passphrase; add it to ssh-agent (\`ssh-add ${file}\`) and grade with SSH_AUTH_SOCK set`);
      throw new Error(`the identity file ${file} is not a private key labgrade can read (${parsed.message})`);
    }
    methods.push({ type: "publickey", username: target.user, key: text });
  }
  if (methods.length === 0) throw new Error(`no key to log in with: no ssh-agent (SSH_AUTH_SOCK is not set) and no identity file (looked for ${options.defaultIdentities.join(", ")}); start ssh-agent and \`ssh-add\` your key, or name one with --identity or the roster's identity column`);
  return methods;
}

function describeSshError(error: Error & { level?: string; code?: string }, target: SshTarget, timeoutMs: number, auth: readonly LoginMethod[]): string {
  const tried = auth.map((a) => (a.type === "agent" ? "the agent's keys" : "an identity file")).join(" and ");
  if (error.level === "client-authentication") return `the login as ${target.user} was refused (tried ${tried}); add the grader's public key to ~${target.user}/.ssh/authorized_keys on that machine`;
  if (error.level === "client-timeout") return `no SSH answer within ${Math.round(timeoutMs / 1000)} s`;
  if (error.code === "ECONNREFUSED") return `nothing listens on port ${target.port} (is sshd running?)`;
  if (error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") return "no such host name";
  if (error.code === "EHOSTUNREACH" || error.code === "ENETUNREACH") return "no route to it";
  if (error.code === "ECONNRESET") return "the connection was closed from the other end";
  if (error.code === "ETIMEDOUT") return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  return error.message;
}

// `docker --version` on the student's machine ("Docker version 20.10.24+dfsg1, build 297e128"); null when it says nothing readable.
function remoteClientVersion(client: InstanceType<typeof Client>): Promise<string | null> {
  return new Promise((resolve) => {
    client.exec("docker --version", (error, channel) => {
      if (error) return resolve(null);
      let out = "";
      channel.on("data", (chunk: Buffer) => void (out = (out + chunk.toString("utf8")).slice(0, 512)));
      channel.stderr.resume();
      channel.on("close", () => resolve(/Docker version ([^\s,]+)/.exec(out)?.[1] ?? null));
    });
  });
}
