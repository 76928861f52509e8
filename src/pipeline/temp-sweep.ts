import { readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { processIsAlive } from "../docker/stale.ts";
import { BUILD_DIR_PREFIX } from "../runners/build-context.ts";

// Removes the temporary build folders of labgrade processes that are gone (killed before their own
// cleanup ran): each folder's name carries its owner's pid.
export async function sweepTempFolders(tmp: string = os.tmpdir(), isAlive: (pid: number) => boolean = processIsAlive): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(BUILD_DIR_PREFIX)) continue;
    const pid = Number(name.slice(BUILD_DIR_PREFIX.length).split("-")[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    await rm(path.join(tmp, name), { recursive: true, force: true }).catch(() => undefined);
    removed.push(name);
  }
  return removed;
}
