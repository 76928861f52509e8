import type { EvidenceFileV2, RawDocument } from "../evidence/evidence-file-v2.ts";
import type { ContainerFact } from "../evidence/types.ts";
import { readWriteLayer } from "./check-attachments.ts";
import { parseTime } from "./parse-time.ts";
import { strings, text } from "./raw-fields.ts";

// What survives a forger who rewrites every id, path and time of a classmate's evidence: what the engine made
// by chance. A RUN step's layer (a package manager writes times and caches) is never the same in two builds, and
// the nanoseconds between a container's creation, start and end (or between its events) never repeat.

/** The diff ids of the layers the student's own builds made with a RUN step (never a base image's). */
export function builtLayers(file: EvidenceFileV2, lab: readonly ContainerFact[]): string[] {
  const raw = file.raw;
  if (!raw) return [];
  // A base image's layers were made by its publisher before the student began the lab.
  const began = Math.min(...lab.map((c) => parseTime(c.created) ?? Infinity));
  if (!Number.isFinite(began)) return [];
  const layers = new Set<string>();
  for (const image of raw.images) {
    const history = raw.history[String(image.Id)];
    if (history) for (const layer of runLayers(image, history, began)) layers.add(layer);
  }
  return [...layers].sort();
}

// History is newest first, one entry a step, and the layers are RootFS.Layers from the top down: a step with a
// size made a layer, a metadata step (CMD, ENV, LABEL …) none. Counting down from the top, each RUN step is paired
// with its layer; past a step of size 0 that may have made an empty layer (WORKDIR, COPY), the pairing stops rather
// than guess. It stops too at the base image's last step: a CMD or ENTRYPOINT below the build's own steps (a base
// ends with one), so that a base's RUN layers, which everyone who pulled it shares, never count.
function runLayers(image: RawDocument, history: readonly RawDocument[], began: number): string[] {
  const layers = strings(image, "RootFS", "Layers");
  const found: string[] = [];
  let above = 0;
  let own = false;
  for (const h of history) {
    const by = text(h, "CreatedBy") ?? "";
    const size = typeof h.Size === "number" ? h.Size : 0;
    const created = typeof h.Created === "number" ? h.Created * 1000 : null;
    if (own && BASE_END.test(by)) break;
    if (size === 0) {
      if (METADATA.test(by)) continue;
      break;
    }
    own = true;
    const layer = layers[layers.length - 1 - above];
    if (layer === undefined) break;
    if (RUN.test(by) && created !== null && created >= began - 1_000) found.push(layer);
    above++;
  }
  return found;
}

const BASE_END = /^(\/bin\/sh -c #\(nop\)\s+)?(CMD|ENTRYPOINT)\b/;
const METADATA = /^(\/bin\/sh -c #\(nop\)\s+)?(CMD|ENV|LABEL|EXPOSE|ENTRYPOINT|USER|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|VOLUME|MAINTAINER)\b/;
// The classic builder writes `/bin/sh -c pip …` (metadata as `#(nop)`), BuildKit `RUN /bin/sh -c pip …` (with
// build arguments, `|1 X=1 /bin/sh -c …`).
const RUN = /^(RUN |\|\d+ |\/bin\/sh -c (?!#\(nop\)))/;

/** Each lab container's intervals, to the nanosecond: from its inspect times, and between its own events. */
export function labTimings(file: EvidenceFileV2, lab: readonly ContainerFact[]): string[] {
  const out: string[] = [];
  const events = file.raw?.events?.events ?? [];
  for (const c of lab) {
    const created = nanos(c.created);
    const started = nanos(c.startedAt);
    const finished = nanos(c.finishedAt);
    if (created !== null && started !== null && finished !== null && started >= created && finished >= started) {
      const intervals = [started - created, finished - started];
      // Only a clock that counts below the millisecond tells runs apart.
      if (intervals.some((n) => n % 1_000_000n !== 0n)) out.push(`${c.name} ${intervals.join("/")}`);
    }
    const own = events.filter((e) => text(e, "Actor", "ID") === c.id && typeof e.timeNano === "number").map((e) => BigInt(e.timeNano as number));
    if (own.length >= 3) out.push(`${c.name} events ${own.slice(1).map((t, i) => t - own[i]!).join("/")}`);
  }
  return out;
}

// RFC 3339 with up to nine fractional digits, as nanoseconds since the epoch (exact, unlike a Number).
function nanos(value: string | null): bigint | null {
  const match = value ? /^(.+?)(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/.exec(value) : null;
  const seconds = match ? parseTime(`${match[1]}${match[3]}`) : null;
  if (!match || seconds === null) return null;
  return BigInt(seconds) * 1_000_000n + BigInt((match[2] ?? "").padEnd(9, "0"));
}

/** Each lab container's read-write layer, as `layer container-id name` (none on a store that names no layer). */
export function labReadWriteLayers(file: EvidenceFileV2, lab: readonly ContainerFact[]): string[] {
  const ids = new Set(lab.map((c) => c.id));
  return (file.raw?.containers ?? []).filter((d) => ids.has(String(d.Id))).flatMap((d) => {
    const layer = readWriteLayer(d);
    return layer ? [`${layer} ${String(d.Id)} ${String(d.Name ?? "").replace(/^\//, "")}`] : [];
  });
}
