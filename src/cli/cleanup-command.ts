import type { LabgradeConfig } from "../config.ts";
import { removeStale, type Removed } from "../docker/cleanup.ts";
import { openEngine } from "../docker/open-engine.ts";
import { sweepTempFolders } from "../pipeline/temp-sweep.ts";
import { sweepBuildCgroups } from "../runners/build-cgroup.ts";
import { sweepBuildCacheLedgers } from "../runners/build-cache.ts";
import { sweepLayerLedgers } from "../runners/image-janitor.ts";

// `labgrade cleanup`: removes what crashed labgrade runs left behind; never anything labgrade did not create.
export async function cleanupCommand(config: LabgradeConfig, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { docker } = await openEngine(config);
  const removed = await removeStale(docker);
  const layers = await sweepLayerLedgers(docker);
  const records = await sweepBuildCacheLedgers(docker);
  const folders = await sweepTempFolders();
  const cgroups = await sweepBuildCgroups();
  out.write(describeRemoved(removed));
  if (layers) out.write(`Removed ${layers} untagged build layers that killed labgrade runs had made.\n`);
  if (records) out.write(`Pruned ${records} BuildKit build-cache records that killed labgrade runs had made.\n`);
  if (folders.length) out.write(`Removed ${folders.length} temporary build folders of killed labgrade runs.\n`);
  if (cgroups.length) out.write(`Removed ${cgroups.length} empty build cgroups of killed labgrade runs.\n`);
  return 0;
}

function describeRemoved(removed: Removed): string {
  const parts = (["containers", "images", "volumes"] as const).filter((k) => removed[k].length > 0).map((k) => `${removed[k].length} ${k} (${removed[k].join(", ")})`);
  return parts.length ? `Removed ${parts.join(", ")} left by earlier labgrade runs.\n` : "Nothing left behind by earlier labgrade runs.\n";
}
