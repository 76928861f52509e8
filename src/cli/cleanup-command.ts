import type { LabgradeConfig } from "../config.ts";
import { removeStale } from "../docker/cleanup.ts";
import { openEngine } from "../docker/open-engine.ts";
import { sweepTempFolders } from "../pipeline/temp-sweep.ts";
import { sweepBuildCgroups } from "../runners/build-cgroup.ts";
import { sweepBuildCacheLedgers } from "../runners/build-cache.ts";
import { sweepLayerLedgers } from "../runners/image-janitor.ts";
import { describeCleanup } from "./cleanup-report.ts";

// `labgrade cleanup`: removes what crashed labgrade runs left behind; never anything labgrade did not create.
export async function cleanupCommand(config: LabgradeConfig, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { docker } = await openEngine(config);
  const removed = await removeStale(docker);
  const layers = await sweepLayerLedgers(docker);
  const records = await sweepBuildCacheLedgers(docker);
  const folders = await sweepTempFolders();
  const cgroups = await sweepBuildCgroups();
  out.write(describeCleanup(removed, { layers, records, folders: folders.length, cgroups: cgroups.length }));
  return 0;
}
