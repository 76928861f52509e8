import type { LabgradeConfig } from "../config.ts";
import { probeDockerCli } from "../docker/cli.ts";
import { probeEndpoints } from "../docker/connect.ts";
import { compareEngines, engineIdentity, pinTestcontainers, testcontainersIdentity } from "../docker/testcontainers-pin.ts";
import { imageState } from "../images/image-state.ts";
import type { LabImage } from "../images/lab-images.ts";
import { registryAnswers } from "../images/registry.ts";
import { DEFAULT_SANDBOX } from "../runners/app-runner.ts";
import { buildPidsUnboundedReason, engineLimitsOf } from "../runners/build-cgroup.ts";
import { containerdStore } from "../runners/choose-builder.ts";
import { unboundedRun } from "../runners/run-bounds.ts";
import { defaultPython, probePython, readWheelCache, wheelCacheDir } from "../runners/local/index.ts";
import { desktopInstalled } from "./desktop.ts";
import type { DoctorFacts, NoEngineFacts } from "./facts.ts";
import { findTools } from "./tools.ts";

// The only impure part of doctor: asks the CLI, the engine and the registry, bounded in time.
// `images`: the lab's images (a lab's `images`, with labgrade's private tag of each).
export async function gatherFacts(config: LabgradeConfig, images: readonly LabImage[], env: NodeJS.ProcessEnv = process.env): Promise<DoctorFacts> {
  const [cli, registry] = await Promise.all([probeDockerCli(env), registryAnswers(config.registryUrl, config.registryTimeoutMs)]);
  const { engine, probes } = await probeEndpoints(
    { dockerHost: config.dockerHost, contextHost: cli.contextHost, platform: config.platform, home: config.home, xdgRuntimeDir: env.XDG_RUNTIME_DIR, uid: process.getuid?.() },
    config.engineTimeoutMs,
  );
  const facts: DoctorFacts = { platform: config.platform, cli, probes, desktopInstalled: desktopInstalled(config.platform, config.home, env), labImages: [...images], images: [], registryAnswers: registry, forceOffline: config.forceOffline, tools: findTools(env), noEngine: await noEngineFacts(env) };
  if (!engine) return facts;
  const [version, info] = await Promise.all([engine.docker.version(), engine.docker.info() as Promise<{ OperatingSystem?: string; Driver?: string; DriverStatus?: Array<[string, string]> }>]);
  const store = containerdStore(info.DriverStatus) ? "the containerd image store (builds use BuildKit through buildx when the docker CLI has it)" : info.Driver;
  facts.engine = { endpoint: engine.endpoint, version: version.Version, apiVersion: version.ApiVersion, os: version.Os, arch: version.Arch, operatingSystem: info.OperatingSystem ?? "unknown OS", ...(store ? { store } : {}) };
  // The same pin and check grading does before it runs an app.
  pinTestcontainers(engine.endpoint, env);
  facts.testcontainers = await Promise.all([engineIdentity(engine.docker), testcontainersIdentity()]).then(
    ([graded, testcontainers]) => compareEngines(graded, testcontainers),
    (error: unknown) => (error as Error).message,
  );
  // docker info answered just above: should it fail now, there is nothing to say about the run's bounds.
  const runUnbounded = await engineLimitsOf(engine.docker).then((limits) => unboundedRun(limits, DEFAULT_SANDBOX), () => undefined);
  if (runUnbounded !== undefined) facts.runUnbounded = runUnbounded;
  facts.buildPidsUnbounded = await buildPidsUnboundedReason(engine.docker, DEFAULT_SANDBOX.pidsLimit).catch((error: unknown) => `docker info failed: ${(error as Error).message}`);
  for (const image of images) {
    facts.images.push({ image, public: await imageState(engine.docker, image.publicTag), private: await imageState(engine.docker, image.privateTag) });
  }
  return facts;
}

// The wheel cache and the python that grading without an engine would use (read only: nothing is made here).
async function noEngineFacts(env: NodeJS.ProcessEnv): Promise<NoEngineFacts> {
  const wheelsDir = wheelCacheDir(env);
  const cache = await readWheelCache(wheelsDir);
  const wanted = cache?.manifest.python.executable ?? defaultPython(env);
  const python = await probePython(wanted).then(
    ({ executable, version, cacheTag }) => ({ executable, version, cacheTag }),
    (error: unknown) => ({ problem: `${wanted}: ${(error as Error).message}` }),
  );
  const made = cache ? { source: cache.manifest.source, versions: cache.manifest.versions, python: { executable: cache.manifest.python.executable, version: cache.manifest.python.version, cacheTag: cache.manifest.python.cacheTag } } : null;
  return { wheelsDir, cache: made, python };
}
