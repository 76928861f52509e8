// Every setting labgrade reads from the environment, read in one place so tests can pass their own env.
export interface LabgradeConfig {
  dockerHost: string | undefined;
  registryUrl: string;
  registryTimeoutMs: number;
  engineTimeoutMs: number;
  home: string;
  platform: NodeJS.Platform;
  /** Build offline substitutes even when a registry answers. */
  forceOffline: boolean;
  debianSuite: string;
  debianMirror: string | undefined;
  imageBuildTimeoutMs: number;
  /** How long a student's Dockerfile may take to build. */
  appBuildTimeoutMs: number;
  /** Reaching a student's machine over SSH (connect, handshake, login), and reading its engine once there. */
  sshConnectTimeoutMs: number;
  sshReadTimeoutMs: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): LabgradeConfig {
  return {
    dockerHost: env.DOCKER_HOST || undefined,
    registryUrl: env.LABGRADE_REGISTRY_URL || "https://registry-1.docker.io/v2/",
    registryTimeoutMs: positiveInt(env, "LABGRADE_REGISTRY_TIMEOUT_MS", 5_000),
    engineTimeoutMs: positiveInt(env, "LABGRADE_ENGINE_TIMEOUT_MS", 5_000),
    home: env.HOME || env.USERPROFILE || "",
    platform,
    forceOffline: env.LABGRADE_OFFLINE === "1" || env.LABGRADE_OFFLINE === "true",
    debianSuite: env.LABGRADE_DEBIAN_SUITE || "bookworm",
    debianMirror: env.LABGRADE_DEBIAN_MIRROR || undefined,
    imageBuildTimeoutMs: positiveInt(env, "LABGRADE_IMAGE_BUILD_TIMEOUT_MS", 20 * 60_000),
    appBuildTimeoutMs: positiveInt(env, "LABGRADE_BUILD_TIMEOUT_MS", 5 * 60_000),
    sshConnectTimeoutMs: positiveInt(env, "LABGRADE_SSH_CONNECT_TIMEOUT_MS", 10_000),
    sshReadTimeoutMs: positiveInt(env, "LABGRADE_SSH_READ_TIMEOUT_MS", 60_000),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Expected ${name} to be a positive whole number of milliseconds, got "${raw}".`);
  }
  return value;
}
