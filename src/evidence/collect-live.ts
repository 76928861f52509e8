import type Dockerode from "dockerode";
import { isHarnessContainer } from "./harness-objects.ts";
import { demuxLogs, type Logs } from "./demux-logs.ts";
import { asBuffer, engineCall } from "./engine-call.ts";
import { mapContainer } from "./map-container.ts";
import { mapImage } from "./map-image.ts";
import { byName, mapNetwork, mapVolume } from "./map-volume.ts";
import { readVolumesAndNetworks } from "./read-volumes-networks.ts";
import { type ContainerFact, EVIDENCE_SCHEMA, type EngineSnapshot, type ImageFact } from "./types.ts";

export const DEFAULT_MAX_LOG_BYTES = 64 * 1024;
// `tail` counts lines, not bytes: it bounds what the engine sends, demuxLogs bounds what we keep.
const LOG_TAIL_LINES = 200;
const LABGRADE_REPO = "labgrade/";
const NO_LOGS: Logs = { text: "", truncated: false };

export interface CollectMeta {
  endpoint: string;
  clientVersion: string | null;
  labgradeVersion: string;
  /** Which containers' logs are read: only those a check reads (the lab says which). */
  wantsLogs: (container: Pick<ContainerFact, "name" | "image">) => boolean;
  now?: Date;
}

// Reads the student's engine into a snapshot. Reads only: grading must not change what it grades.
export async function collectLive(docker: Dockerode, meta: CollectMeta, options: { maxLogBytes?: number } = {}): Promise<EngineSnapshot> {
  const maxLogBytes = options.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
  const [version, info] = await engineCall("reading its version", () => Promise.all([docker.version(), docker.info() as Promise<{ OperatingSystem?: string }>]));
  const listed = await engineCall("listing containers", () => docker.listContainers({ all: true }));
  const containers: ContainerFact[] = [];
  for (const summary of listed.filter((c) => !isHarnessContainer(c.Labels))) {
    const fact = await readContainer(docker.getContainer(summary.Id), maxLogBytes, meta.wantsLogs);
    if (fact) containers.push(fact);
  }
  const images = withoutLabgradeImages((await engineCall("listing images", () => docker.listImages())).map(mapImage));
  const { volumes, networks } = await readVolumesAndNetworks(docker);
  return {
    schema: EVIDENCE_SCHEMA,
    collectedAt: (meta.now ?? new Date()).toISOString(),
    labgradeVersion: meta.labgradeVersion,
    client: { version: meta.clientVersion },
    engine: { version: version.Version, apiVersion: version.ApiVersion, os: version.Os, arch: version.Arch, operatingSystem: info.OperatingSystem ?? "unknown" },
    endpoint: meta.endpoint,
    // A stable order, whatever the engine's, so that recorded evidence files diff cleanly.
    containers: containers.sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || byCodePoint(a.name, b.name)),
    images: images.sort((a, b) => byCodePoint(a.tags[0] ?? "\u{10ffff}", b.tags[0] ?? "\u{10ffff}") || byCodePoint(a.id, b.id)),
    volumes: volumes.map(mapVolume).sort(byName),
    networks: networks.map(mapNetwork).sort(byName),
  };
}

// The evidence when no engine answered: docker-engine fails with its hint, and the other steps find nothing.
export function snapshotWithoutEngine(meta: Omit<CollectMeta, "endpoint" | "wantsLogs">): EngineSnapshot {
  const collectedAt = (meta.now ?? new Date()).toISOString();
  return { schema: EVIDENCE_SCHEMA, collectedAt, labgradeVersion: meta.labgradeVersion, client: { version: meta.clientVersion }, engine: null, endpoint: null, containers: [], images: [] };
}

export { isHarnessContainer };

// Drops labgrade's private tags (labgrade/...), and the images left with none, so that a snapshot
// reads the same whether or not labgrade has run on this engine. Dangling images stay.
export function withoutLabgradeImages(images: readonly ImageFact[]): ImageFact[] {
  return images.flatMap((image) => {
    const tags = image.tags.filter((tag) => !tag.startsWith(LABGRADE_REPO));
    return image.tags.length > 0 && tags.length === 0 ? [] : [{ ...image, tags }];
  });
}

async function readContainer(container: Dockerode.Container, maxLogBytes: number, wantsLogs: CollectMeta["wantsLogs"]): Promise<ContainerFact | null> {
  const inspect = await engineCall<Dockerode.ContainerInspectInfo | null>("inspecting a container", () => container.inspect(), null);
  if (!inspect) return null;
  const bare = mapContainer(inspect, NO_LOGS);
  if (!wantsLogs(bare)) return bare;
  const raw = await engineCall<unknown>("reading a container's logs", () => container.logs({ stdout: true, stderr: true, follow: false, tail: LOG_TAIL_LINES }), null);
  return raw === null ? null : mapContainer(inspect, demuxLogs(asBuffer(raw), inspect.Config.Tty === true, maxLogBytes));
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
