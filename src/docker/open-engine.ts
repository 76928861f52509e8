import type { LabgradeConfig } from "../config.ts";
import { probeDockerCli } from "./cli.ts";
import { connectEngine, type Engine } from "./connect.ts";

// Connects to the engine the docker CLI would use: DOCKER_HOST, else the CLI's context, else the usual sockets.
// The CLI is asked once, and its version travels with the engine.
export async function openEngine(config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const cli = await probeDockerCli(env);
  const engine = await connectEngine(
    { dockerHost: config.dockerHost, contextHost: config.dockerHost ? undefined : cli.contextHost, platform: config.platform, home: config.home, xdgRuntimeDir: env.XDG_RUNTIME_DIR, uid: process.getuid?.() },
    config.engineTimeoutMs,
  );
  return { ...engine, clientVersion: cli.version ?? null };
}
