import type { ClassSignals, TrustReason } from "../lab/trust-level.ts";
import { reason } from "./reason.ts";

// Event times pass through a JSON number (2^53 is about 104 days of nanoseconds): a shifted copy keeps its
// intervals to within a few hundred nanoseconds, never exactly.
const EVENT_TOLERANCE_NS = 1_000n;

type Entry = { student: string; signals: ClassSignals };

// The class's fingerprints that survive rewritten ids, paths and times: the same RUN layer made by a build, or the
// same intervals between a lab container's times, in two students' evidence. Each names both students.
export function assessClassFingerprints(entries: readonly Entry[], add: (student: string, r: TrustReason) => void): void {
  const layers = new Map<string, string[]>();
  for (const { student, signals } of entries) for (const layer of signals.layers ?? []) layers.set(layer, [...(layers.get(layer) ?? []), student]);
  for (const [layer, holders] of layers) {
    const students = [...new Set(holders)];
    if (students.length < 2) continue;
    for (const s of students) add(s, reason("class-shared-layer", `The layer ${layer.slice(7, 19)}, made by a RUN step of a build, is in the images of ${students.join(", ")}: a RUN step never makes the same layer twice, so one build's image is in each of their evidence files.`));
  }
  const rw = new Map<string, Array<{ student: string; id: string; name: string }>>();
  for (const { student, signals } of entries) {
    for (const entry of signals.rwLayers ?? []) {
      const [layer, id, name] = entry.split(" ");
      if (layer && id) rw.set(layer, [...(rw.get(layer) ?? []), { student, id, name: name ?? "?" }]);
    }
  }
  for (const [layer, holders] of rw) {
    // The same container in two files is class-same-containers; here the ids were rewritten around one layer.
    const students = [...new Set(holders.map((h) => h.student))];
    if (students.length < 2 || new Set(holders.map((h) => h.id)).size < 2) continue;
    const words = `The read-write layer ${layer.slice(0, 12)}, which the engine draws at random for each container it creates, is under ${holders.map((h) => `\`${h.name}\` (${h.id.slice(0, 12)}) of ${h.student}`).join(" and ")}: one container, its ids rewritten.`;
    for (const s of students) add(s, reason("class-same-rw-layer", words));
  }
  const timed = entries.flatMap(({ student, signals }) => (signals.timings ?? []).map((t) => ({ student, ...parseTiming(t) })));
  const seen = new Set<string>();
  for (const [i, a] of timed.entries()) {
    for (const b of timed.slice(i + 1)) {
      if (a.student === b.student || a.events !== b.events || !sameIntervals(a.intervals, b.intervals, a.events ? EVENT_TOLERANCE_NS : 0n)) continue;
      const pair = [a.student, b.student].sort().join("\u0000");
      if (seen.has(pair)) continue;
      seen.add(pair);
      const words = `The container \`${a.name}\` in the evidence of ${a.student} and \`${b.name}\` in that of ${b.student} have the same intervals ${a.events ? "between their events" : "between creation, start and end"} to the nanosecond (${a.intervals.join(", ")} ns): one run, its times shifted.`;
      for (const s of [a.student, b.student]) add(s, reason("class-same-timing", words));
    }
  }
}

function parseTiming(t: string): { name: string; events: boolean; intervals: bigint[] } {
  const parts = t.split(" ");
  const events = parts[1] === "events";
  const intervals = (parts.at(-1) ?? "").split("/").filter((n) => /^-?\d+$/.test(n)).map((n) => BigInt(n));
  return { name: parts[0] ?? "?", events, intervals };
}

function sameIntervals(a: readonly bigint[], b: readonly bigint[], tolerance: bigint): boolean {
  return a.length > 0 && a.length === b.length && a.every((n, i) => {
    const d = n - b[i]!;
    return (d < 0n ? -d : d) <= tolerance;
  });
}
