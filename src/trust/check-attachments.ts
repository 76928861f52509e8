import { EVIDENCE_SCHEMA_V3, type EvidenceFileV2, type RawDocument } from "../evidence/evidence-file-v2.ts";
import { type EngineEvent, readEvents } from "./engine-events.ts";
import { parseTime, showTime } from "./parse-time.ts";
import { record, text } from "./raw-fields.ts";
import { reason } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

// Events stamped in whole seconds by older engines, and a busy engine between stamping a time and sending the event.
const SLACK_MS = 1_500;
// Networks a container joins without a connect event of its own, or shares with another.
const SPECIAL_NETWORKS = new Set(["host", "none"]);

// A container's networks and volumes as its own document says, held to what the engine said when it attached them:
// - every `network connect` and `volume mount` event of a container names an endpoint or a mount its document has
//   (unless the engine later disconnected it);
// - a container created and started while the engine kept events (format 3, which keeps volume and network events)
//   has a connect event for each network it is on and a mount event for each named volume it mounts;
// - an address lies in its network's subnet, and no two running containers hold the same one;
// - a container created on a network (`--network X`) last started after that network was made;
// - no two containers share a read-write layer: the engine gives each its own when it creates it.
// A document edited to move a container to another network or volume, or a container cloned from a sibling, breaks
// one of them unless its events and addresses are made up too.
export function checkAttachments(file: EvidenceFileV2): TrustReason[] {
  const raw = file.raw;
  if (!raw) return [];
  const events = readEvents(raw.events);
  const from = events[0]?.at ?? null;
  const cut = parseTime(text(raw.info, "SystemTime")) ?? (parseTime(file.collectedAt) ?? 0) - 60_000;
  const networks = new Map((raw.networks ?? []).map((n) => [String(n.Id), n]));
  const reasons: TrustReason[] = [];
  const addresses = new Map<string, string>();
  const layers = new Map<string, string>();
  for (const doc of raw.containers) {
    const id = String(doc.Id);
    const name = String(doc.Name ?? "").replace(/^\//, "");
    const found: string[] = [];
    const own = events.filter((e) => e.attributes.container === id);
    // A container that changed while collect read it is judged by its document alone.
    const settled = own.every((e) => e.at <= cut);
    const created = parseTime(text(doc, "Created"));
    const started = startedAt(doc);
    const reached = from !== null && created !== null && created > from + SLACK_MS && created <= cut;
    const endpoints = endpointsOf(doc);
    const shared = text(doc, "HostConfig", "NetworkMode")?.startsWith("container:") ?? false;
    if (settled) {
      found.push(...connectsWithoutEndpoint(own, endpoints), ...mountsNotInDocument(own, doc));
      if (reached && started !== null && file.schema === EVIDENCE_SCHEMA_V3 && !shared) found.push(...attachedWithoutEvent(own, endpoints, doc));
    }
    const running = record(doc, "State")?.Running === true;
    for (const e of endpoints) {
      if (!e.address) continue;
      const network = networks.get(e.networkId);
      const subnets = subnetsOf(network);
      if (network && subnets.length > 0 && !subnets.some((s) => inSubnet(e.address!, s))) found.push(`its address ${e.address} on ${e.name} lies outside that network's subnet ${subnets.join(", ")}`);
      const key = `${e.networkId} ${e.address}`;
      if (running && addresses.has(key)) found.push(`its address ${e.address} on ${e.name} is also held by the running \`${addresses.get(key)}\``);
      if (running) addresses.set(key, name);
    }
    found.push(...startedBeforeItsNetwork(doc, started, endpoints, networks));
    const layer = readWriteLayer(doc);
    if (layer && layers.has(layer)) found.push(`its read-write layer ${layer.slice(0, 12)} is also \`${layers.get(layer)}\`'s, where the engine gives each container its own`);
    if (layer) layers.set(layer, name);
    if (found.length > 0) reasons.push(reason("attachments-contradict", `The container \`${name}\` (${id.slice(0, 12)}): ${found.join("; ")}.`));
  }
  return reasons;
}

interface Endpoint {
  name: string;
  networkId: string;
  address: string | null;
}

function endpointsOf(doc: RawDocument): Endpoint[] {
  return Object.entries(record(doc, "NetworkSettings", "Networks") ?? {}).map(([name, value]) => ({
    name,
    networkId: text(value, "NetworkID") ?? "",
    address: text(value, "IPAddress") || null,
  }));
}

// A connect event to a network the document does not show, with no disconnect after it.
function connectsWithoutEndpoint(own: readonly EngineEvent[], endpoints: readonly Endpoint[]): string[] {
  const ids = new Set(endpoints.map((e) => e.networkId));
  return own
    .filter((e) => e.type === "network" && e.action === "connect" && !ids.has(e.id))
    .filter((e) => !own.some((d) => d.type === "network" && d.action === "disconnect" && d.id === e.id && d.at >= e.at))
    .map((e) => `the engine's events connect it to the network ${e.attributes.name ?? e.id.slice(0, 12)} at ${showTime(e.at)}, but its document shows it on ${endpoints.map((p) => p.name).join(", ") || "no network"}`);
}

// A mount event of a volume at a place the document's Mounts do not show.
function mountsNotInDocument(own: readonly EngineEvent[], doc: RawDocument): string[] {
  const mounts = volumeMounts(doc);
  return own
    .filter((e) => e.type === "volume" && e.action === "mount")
    .filter((e) => !mounts.some((m) => m.name === e.id && (!e.attributes.destination || m.destination === e.attributes.destination)))
    .map((e) => `the engine's events mount the volume ${e.id.slice(0, 16)} at ${e.attributes.destination ?? "?"} in it at ${showTime(e.at)}, but its document's Mounts do not hold it`);
}

// Created and started while the engine kept volume and network events: each network it is on and each named volume
// it mounts was attached in them.
function attachedWithoutEvent(own: readonly EngineEvent[], endpoints: readonly Endpoint[], doc: RawDocument): string[] {
  const found: string[] = [];
  for (const e of endpoints) {
    if (SPECIAL_NETWORKS.has(e.name) || !e.networkId) continue;
    if (!own.some((x) => x.type === "network" && x.action === "connect" && x.id === e.networkId)) found.push(`its document shows it on the network ${e.name}, but the engine's events, which hold its creation and start, never connect it there`);
  }
  for (const m of volumeMounts(doc)) {
    if (!own.some((x) => x.type === "volume" && x.action === "mount" && x.id === m.name)) found.push(`its document mounts the volume ${m.name.slice(0, 16)} at ${m.destination}, but the engine's events, which hold its creation and start, never mount it`);
  }
  return found;
}

function volumeMounts(doc: RawDocument): Array<{ name: string; destination: string }> {
  const mounts = Array.isArray(doc.Mounts) ? (doc.Mounts as RawDocument[]) : [];
  return mounts.filter((m) => text(m, "Type") === "volume" && text(m, "Name")).map((m) => ({ name: text(m, "Name")!, destination: text(m, "Destination") ?? "" }));
}

// `--network X` at creation: every start after joins X, which must exist by then. (A network connected later with
// `docker network connect` leaves NetworkMode as it was, so it is not judged.)
function startedBeforeItsNetwork(doc: RawDocument, started: number | null, endpoints: readonly Endpoint[], networks: ReadonlyMap<string, RawDocument>): string[] {
  const mode = text(doc, "HostConfig", "NetworkMode") ?? "";
  if (started === null || !mode || SPECIAL_NETWORKS.has(mode) || mode === "default" || mode === "bridge" || mode.startsWith("container:")) return [];
  const endpoint = endpoints.find((e) => e.name === mode || e.networkId === mode);
  const network = endpoint ? networks.get(endpoint.networkId) : undefined;
  const made = parseTime(text(network, "Created"));
  if (!network || made === null || started + SLACK_MS >= made) return [];
  return [`it was created on the network ${mode} and last started ${showTime(started)}, before that network was made (${showTime(made)})`];
}

function startedAt(doc: RawDocument): number | null {
  const value = text(doc, "State", "StartedAt");
  const at = value ? parseTime(value) : null;
  // An engine writes 0001-01-01T00:00:00Z for a container never started.
  return at !== null && at > 0 ? at : null;
}

function subnetsOf(network: RawDocument | undefined): string[] {
  const config = record(network, "IPAM")?.Config;
  return (Array.isArray(config) ? config : []).map((c) => text(c, "Subnet") ?? "").filter((s) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(s));
}

function inSubnet(address: string, cidr: string): boolean {
  const [base, bits] = cidr.split("/");
  const value = (ip: string) => ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address)) return true;
  const size = 2 ** (32 - Number(bits));
  return Math.floor(value(address) / size) === Math.floor(value(base!) / size);
}

// The container's own read-write layer: the id in its GraphDriver's UpperDir (or MergedDir), which the engine draws at
// random when it creates the container. null on a store that names none (containerd's snapshotter).
export function readWriteLayer(doc: RawDocument): string | null {
  const data = record(doc, "GraphDriver", "Data");
  const dir = text(data, "UpperDir") ?? text(data, "MergedDir") ?? "";
  return /\/([0-9a-f]{64})(?:-init)?\/(?:diff|merged)$/.exec(dir)?.[1] ?? null;
}
