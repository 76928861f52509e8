// How a forger who has read src/trust/ makes a classmate's evidence, or a document from another engine, pass for
// their own: every id, path, engine name and time rewritten together in the whole file, so that nothing the file
// says disagrees with anything else it says, then the facts derived again and the digest made again.
import { createHash } from "node:crypto";
import { deriveFacts } from "../src/evidence/derive-facts.ts";
import { evidenceDigest } from "../src/evidence/digest.ts";
import type { EvidenceFileV2, RawDocument } from "../src/evidence/evidence-file-v2.ts";

const hex = (seed: string) => createHash("sha256").update(seed).digest("hex");
const TIME = /"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)"/g;

export interface Rewrite {
  /** Makes the new ids from it: each old container and sandbox id becomes another 64-digit id. */
  seed: string;
  /** Moves every time by whole seconds, keeping the fractional digits (a forger who shifts the clock). */
  shiftSeconds: number;
  /** Also adds a few microseconds at random to each time (a forger who knows about intervals). */
  jitter?: boolean;
  /** Also replaces the layers a build made with made-up digests (a forger who knows about layers). */
  newLayers?: boolean;
  /** Where to put it: the target engine's data root, exec root, ID and name. */
  engine?: { root: string; execRoot: string; id: string; name: string };
}

// The whole file rewritten as one text: what names one id names the new one everywhere it appears.
export function rewriteFile(file: EvidenceFileV2, rewrite: Rewrite): EvidenceFileV2 {
  const raw = file.raw!;
  let text = JSON.stringify(file);
  const ids = new Set<string>();
  for (const c of raw.containers) {
    ids.add(String(c.Id));
    const sandbox = (c.NetworkSettings as { SandboxID?: string } | undefined)?.SandboxID;
    if (sandbox) ids.add(sandbox);
  }
  for (const id of ids) {
    const to = hex(`${rewrite.seed}:${id}`);
    text = text.split(id).join(to).split(id.slice(0, 12)).join(to.slice(0, 12));
  }
  const root = String(raw.info.DockerRootDir);
  const execRoot = execRootOf(raw.containers);
  const target = rewrite.engine ?? { root: `/var/lib/docker-${rewrite.seed}`, execRoot: `/var/run/docker-${rewrite.seed}`, id: hex(`${rewrite.seed}:engine`).slice(0, 36), name: `laptop-${rewrite.seed}` };
  text = text.split(root).join(target.root);
  if (execRoot) text = text.split(execRoot).join(target.execRoot);
  let noise = 0;
  text = text.replace(TIME, (_, whole: string, fraction: string | undefined, zone: string) => {
    if (whole.startsWith("0001-01-01")) return `"${whole}${fraction ?? ""}${zone}"`;
    const moved = new Date(Date.parse(`${whole}Z`) + rewrite.shiftSeconds * 1000).toISOString().slice(0, 19);
    const digits = (fraction ?? ".").slice(1).padEnd(9, "0");
    const ns = rewrite.jitter ? (Number(digits) + 1_000 + ((noise += 7_919) % 50_000)) % 1e9 : Number(digits);
    return `"${moved}.${String(ns).padStart(9, "0")}${zone}"`;
  });
  const out = JSON.parse(text) as EvidenceFileV2;
  const rawOut = out.raw!;
  rawOut.info.ID = target.id;
  rawOut.info.Name = target.name;
  for (const e of rawOut.events?.events ?? []) {
    if (typeof e.time === "number") e.time += rewrite.shiftSeconds;
    if (typeof e.timeNano === "number") e.timeNano += rewrite.shiftSeconds * 1e9 + (rewrite.jitter ? (noise += 7_919) % 50_000 : 0);
  }
  for (const entry of rawOut.imageList) if (typeof entry.Created === "number") entry.Created += rewrite.shiftSeconds;
  for (const history of Object.values(rawOut.history)) for (const h of history) if (typeof h.Created === "number" && h.Created > 1_000_000_000) h.Created += rewrite.shiftSeconds;
  if (rewrite.newLayers) {
    for (const image of rawOut.images) {
      const rootfs = image.RootFS as { Layers?: string[] } | undefined;
      if (rootfs?.Layers && rootfs.Layers.length > 1) rootfs.Layers[rootfs.Layers.length - 1] = `sha256:${hex(`${rewrite.seed}:${rootfs.Layers.at(-1)}`)}`;
    }
  }
  out.collectedAt = new Date(Date.parse(file.collectedAt) + rewrite.shiftSeconds * 1000).toISOString();
  return rederive(out);
}

// The facts derived again from the documents, as collect would have written them, and the digest made again.
export function rederive(file: EvidenceFileV2): EvidenceFileV2 {
  const logs = new Map(file.containers.map((c) => [c.id, { text: c.logs, truncated: c.logsTruncated }]));
  const byName = new Map(file.containers.map((c) => [c.name, { text: c.logs, truncated: c.logsTruncated }]));
  const names = new Map(file.raw!.containers.map((d) => [String(d.Id), String(d.Name).replace(/^\//, "")]));
  Object.assign(file, deriveFacts(file.raw!, (id) => logs.get(id) ?? byName.get(names.get(id) ?? "") ?? { text: "", truncated: false }));
  file.digest = evidenceDigest(file);
  return file;
}

export function execRootOf(docs: readonly RawDocument[]): string | null {
  for (const d of docs) {
    const key = (d.NetworkSettings as { SandboxKey?: string } | undefined)?.SandboxKey;
    const match = key ? /^(.+)\/netns\/[^/]+$/.exec(key) : null;
    if (match) return match[1]!;
  }
  return null;
}

export function engineOf(file: EvidenceFileV2): NonNullable<Rewrite["engine"]> {
  const raw = file.raw!;
  return { root: String(raw.info.DockerRootDir), execRoot: execRootOf(raw.containers) ?? "/var/run/docker", id: String(raw.info.ID), name: String(raw.info.Name) };
}

// One container of a classmate's file put in place of one of the student's: its document rewritten as the
// student's engine would have written it (its root, exec root, a new id), its times moved to the replaced one's,
// its image id the student's, the replaced container's events renamed for it. The facts derived again.
export function spliceContainer(target: EvidenceFileV2, source: EvidenceFileV2, from: string, replacing: string, seed: string): EvidenceFileV2 {
  const doc = source.raw!.containers.find((c) => c.Name === `/${from}`)!;
  const old = target.raw!.containers.find((c) => c.Name === `/${replacing}`)!;
  const shift = Math.round((Date.parse(String(old.Created)) - Date.parse(String(doc.Created))) / 1000);
  const moved = rewriteFile({ ...structuredClone(source), raw: { ...structuredClone(source.raw!), containers: [structuredClone(doc)] } }, { seed, shiftSeconds: shift, engine: engineOf(target) });
  const spliced = moved.raw!.containers[0]!;
  spliced.Image = old.Image;
  const out = structuredClone(target);
  out.raw!.containers = out.raw!.containers.map((c) => (c.Id === old.Id ? spliced : c));
  for (const e of out.raw!.events?.events ?? []) {
    const actor = e.Actor as { ID: string; Attributes: Record<string, string> };
    if (actor.ID === old.Id) {
      actor.ID = String(spliced.Id);
      if (actor.Attributes.name) actor.Attributes.name = from;
      e.id = actor.ID;
    }
  }
  const fact = out.containers.find((c) => c.id === old.Id)!;
  fact.id = String(spliced.Id);
  fact.name = from;
  return rederive(out);
}
