import type { LabgradeConfig } from "../config.ts";
import { probeDockerCli } from "../docker/cli.ts";
import { probeEndpoints } from "../docker/connect.ts";
import { compareEngines, engineIdentity, pinTestcontainers, testcontainersIdentity } from "../docker/testcontainers-pin.ts";
import { imageState } from "../images/image-state.ts";
import { LAB_IMAGES } from "../images/lab-images.ts";
import { registryAnswers } from "../images/registry.ts";
import { desktopInstalled } from "./desktop.ts";
import type { DoctorFacts } from "./facts.ts";
import { findTools } from "./tools.ts";

// The only impure part of doctor: asks the CLI, the engine and the registry, bounded in time.
export async function gatherFacts(config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env): Promise<DoctorFacts> {
  const [cli, registry] = await Promise.all([probeDockerCli(env), registryAnswers(config.registryUrl, config.registryTimeoutMs)]);
  const { engine, probes } = await probeEndpoints(
    { dockerHost: config.dockerHost, contextHost: cli.contextHost, platform: config.platform, home: config.home, xdgRuntimeDir: env.XDG_RUNTIME_DIR, uid: process.getuid?.() },
    config.engineTimeoutMs,
  );
  const facts: DoctorFacts = { platform: config.platform, cli, probes, desktopInstalled: desktopInstalled(config.platform, config.home, env), images: [], registryAnswers: registry, forceOffline: config.forceOffline, tools: findTools(env) };
  if (!engine) return facts;
  const [version, info] = await Promise.all([engine.docker.version(), engine.docker.info() as Promise<{ OperatingSystem?: string }>]);
  facts.engine = { endpoint: engine.endpoint, version: version.Version, apiVersion: version.ApiVersion, os: version.Os, arch: version.Arch, operatingSystem: info.OperatingSystem ?? "unknown OS" };
  // The same pin and check grading does before it runs an app.
  pinTestcontainers(engine.endpoint, env);
  facts.testcontainers = await Promise.all([engineIdentity(engine.docker), testcontainersIdentity()]).then(
    ([graded, testcontainers]) => compareEngines(graded, testcontainers),
    (error: unknown) => (error as Error).message,
  );
  for (const image of LAB_IMAGES) {
    facts.images.push({ image, public: await imageState(engine.docker, image.publicTag), private: await imageState(engine.docker, image.privateTag) });
  }
  return facts;
}
