import { execa } from "execa";

export interface DockerCli {
  found: boolean;
  /** "28.2.2" when found */
  version?: string;
  /** The endpoint of the CLI's current context, when it names one. */
  contextHost?: string;
  /** What went wrong when not found, in the CLI's own words. */
  problem?: string;
}

// Asks the docker CLI for its version and current context; a missing CLI is an answer, not an error.
export async function probeDockerCli(env: NodeJS.ProcessEnv = process.env): Promise<DockerCli> {
  const version = await execa("docker", ["version", "--format", "{{.Client.Version}}"], { env, reject: false, timeout: 10_000 });
  if (version.failed && (version.code === "ENOENT" || !version.stdout)) {
    return { found: false, problem: version.code === "ENOENT" ? "the docker command is not on PATH" : firstLine(String(version.stderr ?? "") || (version.message ?? "failed")) };
  }
  const context = await execa("docker", ["context", "inspect", "--format", "{{.Endpoints.docker.Host}}"], { env, reject: false, timeout: 10_000 });
  const contextHost = context.exitCode === 0 ? context.stdout.trim() || undefined : undefined;
  return { found: true, version: version.stdout.trim(), ...(contextHost ? { contextHost } : {}) };
}

function firstLine(text: string): string {
  return text.split("\n").find((l) => l.trim())?.trim() ?? "no output";
}
