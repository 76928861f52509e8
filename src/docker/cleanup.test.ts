import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { removeStale } from "./cleanup.ts";
import { newRun } from "./labels.ts";

interface Thing {
  kind: "container" | "image" | "network" | "volume";
  name: string;
  labels: Record<string, string>;
}

// An engine as cleanup.ts sees it, holding a few things and recording what is removed: no Docker needed.
function fakeEngine(things: Thing[]) {
  const gone: string[] = [];
  const of = (kind: Thing["kind"], label: string) => things.filter((t) => t.kind === kind && label.split("=")[0]! in t.labels);
  const remover = (kind: Thing["kind"]) => (id: string) => ({ remove: async () => void gone.push(`${kind} ${id}`) });
  const docker = {
    listContainers: async ({ filters }: { filters: { label: string[] } }) => of("container", filters.label[0]!).map((t) => ({ Id: t.name, Names: [`/${t.name}`], Labels: t.labels })),
    listImages: async ({ filters }: { filters: { label: string[] } }) => of("image", filters.label[0]!).map((t) => ({ Id: t.name, RepoTags: [t.name], Labels: t.labels })),
    listNetworks: async ({ filters }: { filters: { label: string[] } }) => of("network", filters.label[0]!).map((t) => ({ Id: t.name, Name: t.name, Labels: t.labels })),
    listVolumes: async ({ filters }: { filters: { label: string[] } }) => ({ Volumes: of("volume", filters.label[0]!).map((t) => ({ Name: t.name, Labels: t.labels })) }),
    getContainer: remover("container"),
    getImage: remover("image"),
    getNetwork: remover("network"),
    getVolume: remover("volume"),
  };
  return { docker: docker as unknown as Dockerode, gone };
}

describe("removeStale", () => {
  it("removes a crashed run's containers, images, networks and volumes, says each, and leaves a live run's and a student's alone", async () => {
    const crashed = newRun(new Date("2026-12-01T10:00:00Z"), 999_999_999).labels;
    const live = newRun().labels;
    const { docker, gone } = fakeEngine([
      { kind: "container", name: "labgrade-app-1", labels: crashed },
      { kind: "image", name: "labgrade-app:1", labels: crashed },
      { kind: "network", name: "labgrade-services-1", labels: crashed },
      { kind: "volume", name: "labgrade-data-1", labels: crashed },
      { kind: "network", name: "labgrade-services-2", labels: live },
      { kind: "network", name: "labnet", labels: {} },
      { kind: "volume", name: "labdata", labels: {} },
    ]);
    const removed = await removeStale(docker, { isAlive: (pid) => pid === process.pid });
    expect(removed).toEqual({ containers: ["labgrade-app-1"], images: ["labgrade-app:1"], networks: ["labgrade-services-1"], volumes: ["labgrade-data-1"] });
    expect(gone.sort()).toEqual(["container labgrade-app-1", "image labgrade-app:1", "network labgrade-services-1", "volume labgrade-data-1"]);
  });
});
