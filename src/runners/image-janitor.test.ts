import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ImageJanitor, liveLedgers, sweepLayerLedgers } from "./image-janitor.ts";

let tmp: string;
beforeEach(async () => void (tmp = await mkdtemp(path.join(os.tmpdir(), "janitor-test-"))));
afterEach(() => rm(tmp, { recursive: true, force: true }));

// An engine on which every layer is already gone, recording what it was asked.
const engine = (asked: string[]) => ({ getImage: (id: string) => ({ inspect: async () => (asked.push(id), Promise.reject(Object.assign(new Error("no such image"), { statusCode: 404 }))) }) }) as unknown as Dockerode;
const alive = (pid: number) => pid === 100;
const LAYER = "0123456789ab";

describe("the layer ledgers of runs sharing an engine", () => {
  it("names a live run's ledger from its start, before it has built anything, and not once it has closed", async () => {
    const janitor = new ImageJanitor(engine([]), "run-a", tmp);
    expect(await liveLedgers(tmp)).toEqual([path.basename(janitor.ledger)]);
    expect(await liveLedgers(tmp, janitor.ledger)).toEqual([]);
    await janitor.close();
    expect(await liveLedgers(tmp)).toEqual([]);
  });

  it("removes a dead run's layers while another run lives, but not a layer that run made on one of them", async () => {
    const ROOT = "aaaaaaaaaaaa", THEIRS = "bbbbbbbbbbbb", DEAD_CHILD = "cccccccccccc";
    await writeFile(path.join(tmp, "labgrade-layers-200-dead.txt"), `${ROOT} 0\n`);
    await writeFile(path.join(tmp, "labgrade-layers-100-live.txt"), `${THEIRS} 0\n`);
    const old = Math.floor(Date.now() / 1000) - 3600;
    // ROOT has two untagged children: the live run's (in its ledger) and one the dead run's killed build made.
    const images = new Map([[ROOT, null], [THEIRS, ROOT], [DEAD_CHILD, ROOT]] as Array<[string, string | null]>);
    const removed: string[] = [];
    const docker = {
      getImage: (id: string) => ({
        inspect: async () => (images.has(id) ? { Id: `sha256:${id}`, RepoTags: [], Created: new Date(old * 1000).toISOString() } : Promise.reject(Object.assign(new Error("gone"), { statusCode: 404 }))),
        remove: async () => {
          if ([...images.values()].includes(id)) throw Object.assign(new Error("conflict: has children"), { statusCode: 409 });
          images.delete(id);
          removed.push(id);
        },
      }),
      listImages: async () => [...images].map(([id, parent]) => ({ Id: `sha256:${id}`, ParentId: parent ? `sha256:${parent}` : "", Created: old })),
      listContainers: async () => [],
    } as unknown as Dockerode;
    await sweepLayerLedgers(docker, tmp, alive);
    expect(removed).toEqual([DEAD_CHILD]);
    expect([...images.keys()].sort()).toEqual([ROOT, THEIRS]);
    // Kept in its ledger, for a later run: ROOT still has the live run's layer on it.
    expect((await readdir(tmp)).sort()).toEqual(["labgrade-layers-100-live.txt", "labgrade-layers-200-dead.txt"]);
  });

  it("sweeps a closed ledger whose process still lives: its run builds no more", async () => {
    await writeFile(path.join(tmp, "labgrade-layers-100-done.closed.txt"), `${LAYER} 0\n`);
    const asked: string[] = [];
    await sweepLayerLedgers(engine(asked), tmp, alive);
    expect(asked).toEqual([LAYER]);
  });
});
