import type Dockerode from "dockerode";
import { execa } from "execa";
import type { BuildkitClient } from "./buildkit-build.ts";

/** Which builder a grade uses: the classic build API, or BuildKit through the docker CLI (buildkit-build.ts). */
export type BuilderChoice = { kind: "classic"; why: string } | { kind: "buildkit"; client: BuildkitClient; why: string };

// LABGRADE_BUILDER=classic|buildkit decides; otherwise BuildKit where the engine keeps images in the containerd
// store (which emulates the classic API slowly) and the docker CLI has buildx, else the classic API, which every
// engine has and whose bounds and layer bookkeeping labgrade has long relied on.
export async function chooseBuilder(docker: Dockerode, host: string, env: NodeJS.ProcessEnv): Promise<BuilderChoice> {
  const asked = env.LABGRADE_BUILDER;
  const client = { host, env };
  if (asked === "classic") return { kind: "classic", why: "LABGRADE_BUILDER=classic" };
  if (asked === "buildkit") return { kind: "buildkit", client, why: "LABGRADE_BUILDER=buildkit" };
  const info = (await docker.info()) as { DriverStatus?: Array<[string, string]> };
  if (!containerdStore(info.DriverStatus)) return { kind: "classic", why: "the engine keeps images in a classic graph driver" };
  const buildx = await execa("docker", ["buildx", "version"], { env: { ...env, DOCKER_HOST: host }, reject: false, timeout: 15_000 });
  if (buildx.exitCode !== 0) return { kind: "classic", why: "the engine uses the containerd image store, but the docker CLI has no buildx plugin: builds take the slow classic API" };
  return { kind: "buildkit", client, why: `the engine uses the containerd image store; ${String(buildx.stdout).trim()}` };
}

// `docker info` on the containerd store: DriverStatus [["driver-type", "io.containerd.snapshotter.v1"]].
export function containerdStore(driverStatus: Array<[string, string]> | undefined): boolean {
  return (driverStatus ?? []).some(([key, value]) => key === "driver-type" && value.startsWith("io.containerd.snapshotter"));
}
