import os from "node:os";
import type Dockerode from "dockerode";
import { LABEL_GRADE, LABEL_MANAGED, LABEL_RUN } from "./labels.ts";
import { isStale, processIsAlive, type StaleContext } from "./stale.ts";

export interface Removed {
  containers: string[];
  images: string[];
  volumes: string[];
  networks: string[];
}

type Select = (labels: Record<string, string> | undefined) => boolean;

// Removes the containers, images, networks and volumes of one run: only objects carrying that run's label.
export function removeRun(docker: Dockerode, runId: string): Promise<Removed> {
  return removeWhere(docker, `${LABEL_RUN}=${runId}`, (labels) => labels?.[LABEL_RUN] === runId);
}

// Removes the containers (and images, unless told not to) of one grade, leaving the run's other grades running.
export function removeGrade(docker: Dockerode, gradeId: string, options: { images?: boolean } = {}): Promise<Removed> {
  return removeWhere(docker, `${LABEL_GRADE}=${gradeId}`, (labels) => labels?.[LABEL_GRADE] === gradeId, options);
}

// Removes what runs that ended without cleaning up left behind (see isStale).
export function removeStale(docker: Dockerode, ctx: Partial<StaleContext> = {}): Promise<Removed> {
  const full: StaleContext = { currentRun: undefined, host: os.hostname(), now: new Date(), isAlive: processIsAlive, maxAgeMs: 6 * 3600_000, ...ctx };
  return removeWhere(docker, `${LABEL_MANAGED}=true`, (labels) => isStale(labels, full));
}

async function removeWhere(docker: Dockerode, label: string, select: Select, options: { images?: boolean } = {}): Promise<Removed> {
  const filters = { label: [label] };
  const removed: Removed = { containers: [], images: [], volumes: [], networks: [] };
  for (const info of await docker.listContainers({ all: true, filters })) {
    if (!select(info.Labels)) continue;
    await ignoreMissing(docker.getContainer(info.Id).remove({ force: true, v: true }));
    removed.containers.push(info.Names[0]?.replace(/^\//, "") ?? info.Id);
  }
  for (const info of options.images === false ? [] : await docker.listImages({ filters })) {
    if (!select(info.Labels ?? undefined)) continue;
    await ignoreMissing(docker.getImage(info.Id).remove({ force: true, noprune: false }));
    removed.images.push(info.RepoTags?.[0] ?? info.Id);
  }
  // The internal networks services run on: after their containers, which hold them.
  for (const info of await docker.listNetworks({ filters })) {
    if (!select(info.Labels ?? undefined)) continue;
    await ignoreMissing(docker.getNetwork(info.Id).remove());
    removed.networks.push(info.Name);
  }
  const { Volumes } = await docker.listVolumes({ filters });
  for (const info of Volumes ?? []) {
    if (!select(info.Labels ?? undefined)) continue;
    await ignoreMissing(docker.getVolume(info.Name).remove());
    removed.volumes.push(info.Name);
  }
  return removed;
}

async function ignoreMissing(op: Promise<unknown>): Promise<void> {
  try {
    await op;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode !== 404) throw error;
  }
}
