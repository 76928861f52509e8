import type { LabgradeConfig } from "../config.ts";
import { removeStale, type Removed } from "../docker/cleanup.ts";
import { openEngine } from "../docker/open-engine.ts";

// `labgrade cleanup`: removes what crashed labgrade runs left behind; never anything labgrade did not create.
export async function cleanupCommand(config: LabgradeConfig, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const { docker } = await openEngine(config);
  out.write(describeRemoved(await removeStale(docker)));
  return 0;
}

export function describeRemoved(removed: Removed): string {
  const parts = (["containers", "images", "volumes"] as const).filter((k) => removed[k].length > 0).map((k) => `${removed[k].length} ${k} (${removed[k].join(", ")})`);
  return parts.length ? `Removed ${parts.join(", ")} left by earlier labgrade runs.\n` : "Nothing left behind by earlier labgrade runs.\n";
}
