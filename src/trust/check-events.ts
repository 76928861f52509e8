import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import type { ContainerFact } from "../evidence/types.ts";
import { isImageRef } from "../lab/names.ts";
import { type EngineEvent, readEvents } from "./engine-events.ts";
import type { TrustLab } from "./trust-context.ts";
import { parseTime, showTime } from "./parse-time.ts";
import { text } from "./raw-fields.ts";
import { containerLabel, reason, shortId } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

// Events stamped in whole seconds (`time`) by older engines, and the engine's clock against the container's.
const SLACK_MS = 1_500;
// The engine stamps Created, then sends the event: the same moment, give or take a busy engine.
const CREATED_SLACK_MS = 5_000;

// Where the engine still kept its events (it buffers a few hundred, and none from before it started):
// every container created since was created in them, every image the evidence shows removed was untagged
// or deleted in them, and none of them says otherwise than the state.
export function checkEvents(file: EvidenceFileV2, lab: TrustLab): TrustReason[] {
  const raw = file.raw?.events;
  if (!raw || raw.events.length === 0) return [];
  const events = readEvents(raw);
  if (events.length === 0) return [];
  const from = events[0]!.at;
  // What happened while collect was reading (after /info, before /events) may be in the events and not in the
  // state, or the reverse: a container made or removed then is no contradiction.
  const cut = parseTime(text(file.raw?.info, "SystemTime")) ?? parseTime(file.collectedAt)! - 60_000;
  const settled = (e: EngineEvent) => e.at <= cut;
  const covered = (ms: number | null) => ms !== null && ms > from + SLACK_MS;
  const reasons: TrustReason[] = [];
  const byContainer = new Map<string, EngineEvent[]>();
  for (const e of events.filter((e) => e.type === "container")) byContainer.set(e.id, [...(byContainer.get(e.id) ?? []), e]);
  for (const c of file.containers) {
    const own = byContainer.get(c.id) ?? [];
    // A container that changed while collect read it (renamed, started, removed) is judged by the state alone.
    if (own.some((e) => !settled(e))) continue;
    reasons.push(...containerEvents(c, own, covered(parseTime(c.created)) && (parseTime(c.created) ?? 0) <= cut, from));
  }
  if (!raw.truncated) {
    const inState = new Set(file.containers.map((c) => c.id));
    for (const [id, list] of byContainer) {
      const created = list.find((e) => e.action === "create");
      if (!created || !settled(created) || inState.has(id) || list.some((e) => e.action === "destroy")) continue;
      reasons.push(reason("events-contradict", `The engine's events show the container \`${created.attributes.name ?? "?"}\` (${id.slice(0, 12)}) created at ${showTime(created.at)} and never removed, but the evidence leaves it out.`));
    }
  }
  reasons.push(...removals(file, events, covered, lab), ...creations(file, events, covered));
  return reasons;
}

function containerEvents(c: ContainerFact, own: EngineEvent[], covered: boolean, from: number): TrustReason[] {
  const reasons: TrustReason[] = [];
  const create = own.find((e) => e.action === "create");
  if (covered && !create) {
    reasons.push(reason("events-missing-create", `The container ${containerLabel(c)} was created ${c.created}, while the engine kept events (from ${showTime(from)}), but no event created it.`, ["containers"]));
    return reasons;
  }
  if (own.length === 0) return reasons;
  const destroy = own.find((e) => e.action === "destroy");
  if (destroy) reasons.push(reason("events-contradict", `The engine's events show the container ${containerLabel(c)} removed at ${showTime(destroy.at)}, yet the evidence lists it.`));
  const named = own.filter((e) => e.attributes.name !== undefined).at(-1);
  const lastName = named?.attributes.name?.replace(/^\//, "");
  if (lastName !== undefined && lastName !== c.name) reasons.push(reason("events-contradict", `The engine's events last name the container ${c.id.slice(0, 12)} \`${lastName}\` (${named!.action} at ${showTime(named!.at)}), but the evidence names it \`${c.name}\`.`));
  const created = parseTime(c.created);
  if (create && created !== null && Math.abs(create.at - created) > CREATED_SLACK_MS) {
    reasons.push(reason("events-contradict", `The engine's events show the container ${containerLabel(c)} created at ${showTime(create.at)}, but the evidence says ${c.created}.`));
  }
  const image = create?.attributes.image;
  if (image !== undefined && image !== c.image) reasons.push(reason("events-contradict", `The engine's events show the container ${containerLabel(c)} created from ${image}, but the evidence says ${c.image}.`));
  const started = own.some((e) => e.action === "start");
  if (create && c.everStarted && !started) reasons.push(reason("events-contradict", `The evidence says the container ${containerLabel(c)} started ${c.startedAt}, but the engine's events, which saw it created, never saw it start.`));
  if (!c.everStarted && started) reasons.push(reason("events-contradict", `The evidence says the container ${containerLabel(c)} never started, but the engine's events show it starting.`));
  return reasons;
}

// An image the lab expects removed, shown removed (no tag names it) after its last use (a container made from it,
// the app built on it): if that happened while the engine kept events, an untag or delete is among them.
function removals(file: EvidenceFileV2, events: EngineEvent[], covered: (ms: number | null) => boolean, lab: TrustLab): TrustReason[] {
  const reasons: TrustReason[] = [];
  const removing = events.filter((e) => e.type === "image" && (e.action === "untag" || e.action === "delete"));
  const tagged = (repo: string) => file.images.some((i) => i.tags.some((t) => isImageRef(t, repo)));
  const byTime = (a: { created: string }, b: { created: string }) => (parseTime(b.created) ?? 0) - (parseTime(a.created) ?? 0);
  for (const removed of lab.marks.removedImages.filter((r) => !tagged(r))) {
    const used = file.containers.filter((c) => isImageRef(c.image, removed)).sort(byTime);
    const latest = used[0];
    const at = parseTime(latest?.created);
    if (latest && covered(at)) {
      const ids = new Set(used.map((c) => c.imageId));
      const found = removing.some((e) => e.at + SLACK_MS >= at! && (ids.has(e.id) || isImageRef(e.attributes.name ?? "", removed)));
      if (!found) reasons.push(reason("events-missing-removal", `The evidence shows ${removed} removed after ${containerLabel(latest)} was made from it (${latest.created}), but the engine's events since then hold no untag or delete of ${[...ids].map(shortId).join(", ")}.`));
      continue;
    }
    const appTag = lab.app && lab.app.base === removed ? lab.app.tag : null;
    const app = appTag ? file.images.find((i) => i.tags.some((t) => isImageRef(t, appTag))) : undefined;
    const built = parseTime(app?.created);
    if (app && covered(built)) {
      const found = removing.some((e) => e.at + SLACK_MS >= built! && e.id !== app.id);
      if (!found) reasons.push(reason("events-missing-removal", `The evidence shows the ${removed} image removed after ${appTag} was built (${app.created}), but the engine's events since then hold no untag or delete of an image.`));
    }
  }
  return reasons;
}

// Volumes and networks a student made while the engine kept events were made in them (the engine's own
// networks, bridge, host and none, were made when it first started). A missing one doubts the steps reading its kind.
function creations(file: EvidenceFileV2, events: EngineEvent[], covered: (ms: number | null) => boolean): TrustReason[] {
  const made = (type: string, ids: string[]) => events.some((e) => e.type === type && e.action === "create" && ids.includes(e.id));
  const reasons: TrustReason[] = [];
  for (const v of file.volumes ?? []) {
    if (covered(parseTime(v.created)) && !made("volume", [v.name])) reasons.push(reason("events-missing-create", `The volume \`${v.name}\` was created ${v.created}, while the engine kept events, but no event created it.`, ["volumes"]));
  }
  for (const n of (file.networks ?? []).filter((n) => !["bridge", "host", "none"].includes(n.name))) {
    if (covered(parseTime(n.created)) && !made("network", [n.id])) reasons.push(reason("events-missing-create", `The network \`${n.name}\` was created ${n.created}, while the engine kept events, but no event created it.`, ["networks"]));
  }
  return reasons;
}

