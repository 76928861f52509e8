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

  it("leaves a dead run's layers alone while another run lives, and removes them once none does", async () => {
    await writeFile(path.join(tmp, "labgrade-layers-200-dead.txt"), `${LAYER} 0\n`);
    await writeFile(path.join(tmp, "labgrade-layers-100-live.txt"), "");
    const asked: string[] = [];
    expect(await sweepLayerLedgers(engine(asked), tmp, alive)).toBe(0);
    expect(asked).toEqual([]);
    expect((await readdir(tmp)).sort()).toEqual(["labgrade-layers-100-live.txt", "labgrade-layers-200-dead.txt"]);
    await rm(path.join(tmp, "labgrade-layers-100-live.txt"));
    await sweepLayerLedgers(engine(asked), tmp, alive);
    expect(asked).toEqual([LAYER]);
    expect(await readdir(tmp)).toEqual([]);
  });

  it("sweeps a closed ledger whose process still lives: its run builds no more", async () => {
    await writeFile(path.join(tmp, "labgrade-layers-100-done.closed.txt"), `${LAYER} 0\n`);
    const asked: string[] = [];
    await sweepLayerLedgers(engine(asked), tmp, alive);
    expect(asked).toEqual([LAYER]);
  });
});
