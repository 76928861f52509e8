import type Dockerode from "dockerode";
import { withoutLabgradeImages } from "./collect-live.ts";
import type { Logs } from "./demux-logs.ts";
import type { RawDocuments } from "./evidence-file-v2.ts";
import { formerFields, mapContainer } from "./map-container.ts";
import { mapImage } from "./map-image.ts";
import { byName, mapNetwork, mapVolume } from "./map-volume.ts";
import type { ContainerFact, EngineFacts, ImageFact, NetworkFact, VolumeFact } from "./types.ts";

export interface DerivedFacts {
  engine: EngineFacts;
  containers: ContainerFact[];
  images: ImageFact[];
  /** Format 3: from the documents of the engine's volumes and networks. */
  volumes?: VolumeFact[];
  networks?: NetworkFact[];
}

// The graded facts, derived from the engine's own documents by the same mapping live grading uses. The
// collector writes exactly this; a grader derives it again from the documents handed in and compares.
// Logs are not in the documents: each container's come from `logs` (the file's own, when re-deriving).
// A format-2 file's facts are derived as format 2 had them: without what format 3 added.
export function deriveFacts(raw: RawDocuments, logs: (containerId: string) => Logs, format: 2 | 3 = 3): DerivedFacts {
  const version = raw.version as { Version?: string; ApiVersion?: string; Os?: string; Arch?: string };
  const engine: EngineFacts = {
    version: String(version.Version),
    apiVersion: String(version.ApiVersion),
    os: String(version.Os),
    arch: String(version.Arch),
    operatingSystem: typeof raw.info.OperatingSystem === "string" ? raw.info.OperatingSystem : "unknown",
  };
  const mapped = raw.containers.map((doc) => mapContainer(doc as unknown as Dockerode.ContainerInspectInfo, logs(String(doc.Id))));
  const containers = format === 2 ? mapped.map(formerFields) : mapped;
  const images = withoutLabgradeImages(raw.imageList.map((doc) => mapImage(doc as unknown as Dockerode.ImageInfo)));
  if (format === 2) return { engine, ...orderFacts(containers, images) };
  return { engine, ...orderFacts(containers, images), volumes: (raw.volumes ?? []).map(mapVolume).sort(byName), networks: (raw.networks ?? []).map(mapNetwork).sort(byName) };
}

// A stable order, whatever the engine's, so that recorded evidence files diff cleanly.
function orderFacts(containers: ContainerFact[], images: ImageFact[]): { containers: ContainerFact[]; images: ImageFact[] } {
  return {
    containers: [...containers].sort((a, b) => Date.parse(a.created) - Date.parse(b.created) || byCodePoint(a.name, b.name)),
    images: [...images].sort((a, b) => byCodePoint(a.tags[0] ?? "\u{10ffff}", b.tags[0] ?? "\u{10ffff}") || byCodePoint(a.id, b.id)),
  };
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
