import type Dockerode from "dockerode";
import { type CollectMeta, DEFAULT_MAX_LOG_BYTES, isHarnessContainer } from "./collect-live.ts";
import { demuxLogs, type Logs } from "./demux-logs.ts";
import { asBuffer, engineCall } from "./engine-call.ts";
import { deriveFacts } from "./derive-facts.ts";
import { evidenceDigest } from "./digest.ts";
import { EVIDENCE_SCHEMA_V3, type EvidenceFileV2, type RawDocument, type RawDocuments } from "./evidence-file-v2.ts";
import { mapContainer } from "./map-container.ts";
import { readBufferedEvents } from "./read-events.ts";
import { readVolumesAndNetworks } from "./read-volumes-networks.ts";

const LOG_TAIL_LINES = 200;
const NO_LOGS: Logs = { text: "", truncated: false };
// /info says much about the host (its CPUs, proxies, registries); these name and place the engine.
// DriverStatus tells the containerd image store (a driver-type of io.containerd.snapshotter.v1) from a graph driver.
// LiveRestoreEnabled: an engine that keeps containers running across its restarts keeps its default bridge too.
const INFO_FIELDS = ["ID", "Name", "ServerVersion", "OperatingSystem", "OSType", "Architecture", "KernelVersion", "Driver", "DriverStatus", "SystemTime", "DockerRootDir", "LiveRestoreEnabled"];

// Reads the student's engine into format 3: the facts graded today and the documents they come from,
// with a digest over both. Reads only: nothing on the engine changes.
export async function collectEvidence(docker: Dockerode, meta: CollectMeta, options: { maxLogBytes?: number } = {}): Promise<EvidenceFileV2> {
  const maxLogBytes = options.maxLogBytes ?? DEFAULT_MAX_LOG_BYTES;
  const [version, info] = await engineCall("reading its version", () => Promise.all([docker.version() as unknown as Promise<RawDocument>, docker.info() as Promise<RawDocument>]));
  const listed = await engineCall("listing containers", () => docker.listContainers({ all: true }));
  const containers: RawDocument[] = [];
  const logs = new Map<string, Logs>();
  for (const summary of listed.filter((c) => !isHarnessContainer(c.Labels))) {
    const read = await readContainer(docker.getContainer(summary.Id), maxLogBytes, meta.wantsLogs);
    if (!read) continue;
    containers.push(read.inspect);
    logs.set(String(read.inspect.Id), read.logs);
  }
  const imageList: RawDocument[] = [];
  const images: RawDocument[] = [];
  for (const entry of (await engineCall("listing images", () => docker.listImages())) as unknown as RawDocument[]) {
    const inspect = await engineCall<RawDocument | null>("inspecting an image", () => docker.getImage(String(entry.Id)).inspect() as unknown as Promise<RawDocument>, null);
    if (!inspect) continue; // removed while we read: not there
    imageList.push(entry);
    images.push(inspect);
  }
  const history: Record<string, RawDocument[]> = {};
  for (const entry of imageList.filter((e) => tagsOf(e).length > 0)) {
    const id = String(entry.Id);
    const got = await engineCall<RawDocument[] | null>("reading an image's history", () => docker.getImage(id).history() as Promise<RawDocument[]>, null);
    if (got) history[id] = got;
  }
  const { volumes, networks } = await readVolumesAndNetworks(docker);
  const now = meta.now ?? new Date();
  const events = await readBufferedEvents(docker, now, isHarnessEvent);
  const raw: RawDocuments = { version, info: pick(info, INFO_FIELDS), containers, imageList, images, history, events, volumes, networks };
  const facts = deriveFacts(raw, (id) => logs.get(id) ?? NO_LOGS);
  const body: Omit<EvidenceFileV2, "digest"> = {
    schema: EVIDENCE_SCHEMA_V3,
    collectedAt: now.toISOString(),
    labgradeVersion: meta.labgradeVersion,
    client: { version: meta.clientVersion },
    engine: facts.engine,
    endpoint: meta.endpoint,
    containers: facts.containers,
    images: facts.images,
    volumes: facts.volumes ?? [],
    networks: facts.networks ?? [],
    raw,
  };
  return { ...body, digest: evidenceDigest(body) };
}

// Format 2 when no engine answered: nothing to derive from, and the digest over what there is.
export function evidenceWithoutEngine(meta: Omit<CollectMeta, "endpoint" | "wantsLogs">): EvidenceFileV2 {
  const body: Omit<EvidenceFileV2, "digest"> = {
    schema: EVIDENCE_SCHEMA_V3, collectedAt: (meta.now ?? new Date()).toISOString(), labgradeVersion: meta.labgradeVersion, client: { version: meta.clientVersion },
    engine: null, endpoint: null, containers: [], images: [], volumes: [], networks: [], raw: null,
  };
  return { ...body, digest: evidenceDigest(body) };
}

async function readContainer(container: Dockerode.Container, maxLogBytes: number, wantsLogs: CollectMeta["wantsLogs"]): Promise<{ inspect: RawDocument; logs: Logs } | null> {
  const inspect = await engineCall<RawDocument | null>("inspecting a container", () => container.inspect() as unknown as Promise<RawDocument>, null);
  if (!inspect) return null;
  const typed = inspect as unknown as Dockerode.ContainerInspectInfo;
  if (!wantsLogs(mapContainer(typed, NO_LOGS))) return { inspect, logs: NO_LOGS };
  const raw = await engineCall<unknown>("reading a container's logs", () => container.logs({ stdout: true, stderr: true, follow: false, tail: LOG_TAIL_LINES }), null);
  return raw === null ? null : { inspect, logs: demuxLogs(asBuffer(raw), typed.Config.Tty === true, maxLogBytes) };
}

// labgrade's own and testcontainers' containers, volumes and networks carry their labels into their events'
// attributes (a network's connect and disconnect events name the container, not the network: those stay).
function isHarnessEvent(event: RawDocument): boolean {
  const attributes = (event.Actor as { Attributes?: Record<string, string> } | undefined)?.Attributes;
  return (event.Type === "container" || event.Type === "volume" || event.Type === "network") && isHarnessContainer(attributes);
}

function tagsOf(entry: RawDocument): string[] {
  return Array.isArray(entry.RepoTags) ? (entry.RepoTags as string[]).filter((t) => t !== "<none>:<none>") : [];
}

function pick(doc: RawDocument, keys: readonly string[]): RawDocument {
  return Object.fromEntries(keys.filter((k) => doc[k] !== undefined).map((k) => [k, doc[k]]));
}
