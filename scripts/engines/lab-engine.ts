// One engine of the matrix started with the lab's images in it, and the docker CLI configured as a student's
// (with buildx): shared by the matrix (matrix.ts) and the side-by-side build times (store-times.ts).
import { existsSync } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { execa } from "execa";
import { startThrowawayEngine, type ThrowawayEngine } from "../../testing/throwaway-engine.ts";
import { binDir, CACHE_DIR, daemonConfig, type EngineKind } from "./engine-kinds.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LAB_TAGS = ["hello-world:latest", "python:latest", "labgrade/lab-hello-world:latest", "labgrade/lab-python:latest"];

export interface LabEngine {
  engine: ThrowawayEngine;
  /** DOCKER_HOST and DOCKER_CONFIG for the CLI and for labgrade. */
  env: { DOCKER_HOST: string; DOCKER_CONFIG: string };
  /** `docker info`'s ServerVersion and Driver. */
  version: string;
  driver: string;
  /** Seconds to start the engine, and to load the lab images into it. */
  startSeconds: number;
  loadSeconds: number;
}

// The engines' binaries (fetch-engines.sh), fetched when a kind needs them and they are missing.
export async function ensureEngines(kinds: readonly EngineKind[]): Promise<void> {
  if (kinds.some((k) => k.suite && !existsSync(path.join(binDir(k)!, "dockerd")))) {
    await execa("bash", [path.join(ROOT, "scripts/engines/fetch-engines.sh"), CACHE_DIR], { stdio: "inherit" });
  }
}

export async function startLabEngine(kind: EngineKind): Promise<LabEngine> {
  const [tar, config] = await Promise.all([labImagesTar(), cliConfig()]);
  const began = Date.now();
  const engine = await startThrowawayEngine({ bridge: true, binDir: binDir(kind), daemonConfig: daemonConfig(kind), startTimeoutMs: 90_000 });
  const startSeconds = (Date.now() - began) / 1000;
  try {
    const env = { DOCKER_HOST: `unix://${engine.socket}`, DOCKER_CONFIG: config };
    const info = (await engine.docker.info()) as { ServerVersion?: string; Driver?: string };
    const loading = Date.now();
    await execa("docker", ["load", "-i", tar], { env });
    return { engine, env, version: info.ServerVersion ?? "?", driver: info.Driver ?? "?", startSeconds, loadSeconds: (Date.now() - loading) / 1000 };
  } catch (error) {
    await engine.stop();
    throw error;
  }
}

// The lab images, saved once from the system's engine (read only there) and loaded into each engine; engines
// started at once share one save.
let saving: Promise<string> | undefined;
const labImagesTar = () => (saving ??= saveLabImages());
async function saveLabImages(): Promise<string> {
  const tar = path.join(CACHE_DIR, "lab-images.tar");
  if (!existsSync(tar)) {
    process.stderr.write(`saving ${LAB_TAGS.join(", ")} from the system's engine to ${tar}\n`);
    await execa("docker", ["save", "-o", `${tar}.partial`, ...LAB_TAGS], { env: { DOCKER_HOST: "unix:///var/run/docker.sock" } });
    await execa("mv", [`${tar}.partial`, tar]);
  }
  return tar;
}

// The docker CLI as the walks use it, with buildx (sid's) so that `docker build` is a BuildKit build, as on a
// student's Docker 23+; the system's CLI configuration is not touched.
let configuring: Promise<string> | undefined;
const cliConfig = () => (configuring ??= makeCliConfig());
async function makeCliConfig(): Promise<string> {
  const dir = path.join(CACHE_DIR, "docker-config");
  const plugin = path.join(dir, "cli-plugins", "docker-buildx");
  if (!existsSync(plugin)) {
    await mkdir(path.dirname(plugin), { recursive: true });
    await symlink(path.join(CACHE_DIR, "sid", "bin", "docker-buildx"), plugin);
  }
  return dir;
}
