import type { LabgradeConfig } from "../config.ts";
import { probeDockerCli } from "./cli.ts";
import { connectEngine, type Engine } from "./connect.ts";

// Connects to the engine the docker CLI would use: DOCKER_HOST, else the CLI's context, else the usual sockets.
export async function openEngine(config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const contextHost = config.dockerHost ? undefined : (await probeDockerCli(env)).contextHost;
  return connectEngine(
    { dockerHost: config.dockerHost, contextHost, platform: config.platform, home: config.home, xdgRuntimeDir: env.XDG_RUNTIME_DIR, uid: process.getuid?.() },
    config.engineTimeoutMs,
  );
}
