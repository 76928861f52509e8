import { readdirSync } from "node:fs";
import os from "node:os";
import { LABEL_HOST, LABEL_MANAGED, LABEL_PID } from "../src/docker/labels.ts";
import { testEngine } from "./engine.ts";

export interface RunLeftovers {
  containers: string[];
  images: string[];
  volumes: string[];
  temp: string[];
}

// What the labgrade processes with these pids left: objects carrying their labels on the engine, their
// temp folders, layer ledgers and locks. Only theirs: other people's runs on a shared engine do not count.
export async function leftByPids(pids: readonly (number | undefined)[]): Promise<RunLeftovers> {
  const { docker } = await testEngine();
  const ours = new Set(pids.filter((p): p is number => typeof p === "number").map(String));
  const mine = (labels: Record<string, string> | null | undefined) => Boolean(labels && ours.has(labels[LABEL_PID] ?? "") && labels[LABEL_HOST] === os.hostname());
  const filters = { label: [`${LABEL_MANAGED}=true`] };
  const containers = (await docker.listContainers({ all: true, filters })).filter((c) => mine(c.Labels)).map((c) => c.Names[0] ?? c.Id);
  const images = (await docker.listImages({ filters })).filter((i) => mine(i.Labels)).map((i) => i.RepoTags?.[0] ?? i.Id);
  const volumes = ((await docker.listVolumes({ filters })).Volumes ?? []).filter((v) => mine(v.Labels)).map((v) => v.Name);
  const temp = readdirSync(os.tmpdir()).filter((name) => {
    const pid = /^labgrade-(?:build|layers)-(\d+)-/.exec(name)?.[1];
    return (pid !== undefined && ours.has(pid)) || /^labgrade-python-base-.*\.lock/.test(name);
  });
  return { containers, images, volumes, temp };
}

export const NO_LEFTOVERS: RunLeftovers = { containers: [], images: [], volumes: [], temp: [] };
