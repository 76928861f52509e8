import { HarnessError } from "../../errors.ts";

/** A student's machine, reached over SSH. */
export interface SshTarget {
  user: string;
  host: string;
  port: number;
  /** A private key file; keys from the agent (SSH_AUTH_SOCK) are tried first. */
  identity?: string;
}

export function isSshUrl(url: string | undefined): url is string {
  return url !== undefined && url.startsWith("ssh://");
}

// `ssh://user@host[:port]` as DOCKER_HOST and `docker -H` spell it; no user means the grader's own, as ssh does.
export function parseSshUrl(url: string, defaultUser: string): SshTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badUrl(url);
  }
  if (parsed.protocol !== "ssh:" || !parsed.hostname || (parsed.pathname !== "" && parsed.pathname !== "/") || parsed.search || parsed.password) throw badUrl(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  const port = parsed.port ? Number(parsed.port) : 22;
  return { user: decodeURIComponent(parsed.username) || defaultUser, host, port };
}

// How messages and evidence name the engine: `ssh://user@host:port`.
export function sshUrl(target: Pick<SshTarget, "user" | "host" | "port">): string {
  const host = target.host.includes(":") ? `[${target.host}]` : target.host;
  return `ssh://${encodeURIComponent(target.user)}@${host}${target.port === 22 ? "" : `:${target.port}`}`;
}

function badUrl(url: string): HarnessError {
  return new HarnessError("BAD_INPUT", `Expected an engine address like ssh://user@host or ssh://user@host:2222; got "${url}".`, "Pass the student's machine as --engine ssh://USER@HOST[:PORT] (no path, no password: keys come from ssh-agent or --identity).");
}
