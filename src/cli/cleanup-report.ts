import type { Removed } from "../docker/cleanup.ts";

/** What the sweeps of killed runs' builds removed besides the labelled objects (counts). */
export interface Swept {
  layers: number;
  records: number;
  folders: number;
  cgroups: number;
}

const KINDS = ["containers", "images", "networks", "volumes"] as const;

// What `labgrade cleanup` removed: a count of each kind of labelled object, named, so an instructor sees the networks
// and volumes of a service run go too; then what the build sweeps found.
export function describeCleanup(removed: Removed, swept: Swept): string {
  const total = KINDS.reduce((n, kind) => n + removed[kind].length, 0);
  const counts = KINDS.map((kind) => (removed[kind].length === 0 ? `no ${kind}` : `${count(removed[kind].length, kind.slice(0, -1))} (${removed[kind].join(", ")})`));
  const lines = [total > 0 ? `Removed what earlier labgrade runs left behind: ${counts.join(", ")}.` : "Nothing left behind by earlier labgrade runs: no containers, images, networks or volumes."];
  if (swept.layers) lines.push(`Removed ${count(swept.layers, "untagged build layer")} that killed labgrade runs had made.`);
  if (swept.records) lines.push(`Pruned ${count(swept.records, "BuildKit build-cache record")} that killed labgrade runs had made.`);
  if (swept.folders) lines.push(`Removed ${count(swept.folders, "temporary build folder")} of killed labgrade runs.`);
  if (swept.cgroups) lines.push(`Removed ${count(swept.cgroups, "empty build cgroup")} of killed labgrade runs.`);
  return lines.map((line) => `${line}\n`).join("");
}

const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? "" : "s"}`;
