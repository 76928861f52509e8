import { appendFile, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { processIsAlive } from "../docker/stale.ts";
import type { AppBuilder, AppBuildRequest } from "./app-runner.ts";
import type { BuildResult } from "./build-image.ts";

const LEDGER_PREFIX = "labgrade-layers-";

interface Made {
  id: string;
  /** The build's start: an image older than this was not made by it, whatever its output claimed. */
  since: number;
}

// Removes the images labgrade's builds make: the tagged app image and every layer the build made on the
// way (unlabelled, and left untagged by a failed, timed-out or cancelled build). Removal waits until no
// build is running, because a running build may be resting a cached step on exactly those layers
// ("unknown parent image ID"). Each layer is also written to a ledger file, so that when labgrade is
// killed outright the next run removes what it had made.
export class ImageJanitor {
  private active = 0;
  private flushing: Promise<void> | null = null;
  private readonly made = new Map<string, Made[]>();
  private readonly released = new Set<string>();
  readonly ledger: string;

  constructor(
    private readonly docker: Dockerode,
    runId: string,
    tmp: string = os.tmpdir(),
  ) {
    this.ledger = path.join(tmp, `${LEDGER_PREFIX}${process.pid}-${runId}.txt`);
  }

  // The builder, with every build counted and its layers recorded under its tag.
  wrap(builder: AppBuilder): AppBuilder {
    return { build: (req) => this.duringBuild(req, (tracked) => builder.build(tracked)) };
  }

  private async duringBuild(req: AppBuildRequest, build: (req: AppBuildRequest) => Promise<BuildResult>): Promise<BuildResult> {
    while (this.flushing) await this.flushing;
    this.active++;
    const since = Date.now() - 1_000;
    const record = (id: string) => {
      const list = this.made.get(req.tag) ?? [];
      list.push({ id, since });
      this.made.set(req.tag, list);
      void appendFile(this.ledger, `${id} ${since}\n`).catch(() => undefined);
      req.onLayer?.(id);
    };
    try {
      return await build({ ...req, onLayer: record });
    } finally {
      this.active--;
      if (this.active === 0) await this.flush();
    }
  }

  /** The app image under this tag is no longer needed: removed as soon as no build is running. */
  async release(tag: string): Promise<void> {
    this.released.add(tag);
    if (this.active === 0) await this.flush();
  }

  /** Removes every released image now (no build may be running: the grader is closing). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.active > 0 || this.released.size === 0) return;
    const tags = [...this.released];
    this.released.clear();
    this.flushing = (async () => {
      for (const tag of tags) {
        await removeQuietly(this.docker, tag);
        // Children before parents: each layer rests on the one before it.
        for (const layer of (this.made.get(tag) ?? []).reverse()) await removeLayer(this.docker, layer);
        this.made.delete(tag);
      }
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  /** Everything is gone: the ledger is no longer needed. */
  async close(): Promise<void> {
    for (const tag of this.made.keys()) this.released.add(tag);
    await this.flush();
    await rm(this.ledger, { force: true });
  }
}

// The ledgers of labgrade processes that are gone: their layers are removed, then the ledger.
export async function sweepLayerLedgers(docker: Dockerode, tmp: string = os.tmpdir(), isAlive: (pid: number) => boolean = processIsAlive): Promise<number> {
  let removed = 0;
  for (const name of await readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(LEDGER_PREFIX)) continue;
    const pid = Number(name.slice(LEDGER_PREFIX.length).split("-")[0]);
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || isAlive(pid)) continue;
    const file = path.join(tmp, name);
    const lines = (await readFile(file, "utf8").catch(() => "")).split("\n").filter(Boolean).reverse();
    for (const line of lines) {
      const [id = "", since = "0"] = line.split(" ");
      if (/^[0-9a-f]{12,64}$/.test(id) && (await removeLayer(docker, { id, since: Number(since) }))) removed++;
    }
    await rm(file, { force: true });
  }
  return removed;
}

// A layer is removed only when nothing names it (no tag) and it is no older than the build that made it;
// never forced, never pruning its parents: an image with children or a container is someone's.
async function removeLayer(docker: Dockerode, layer: Made): Promise<boolean> {
  try {
    const info = await docker.getImage(layer.id).inspect();
    // Engines before 23 list an untagged image's tags as ["<none>:<none>"].
    const tags = (info.RepoTags ?? []).filter((t) => t !== "<none>:<none>");
    if (tags.length > 0 || Date.parse(info.Created) < layer.since) return false;
    await docker.getImage(layer.id).remove({ noprune: true });
    return true;
  } catch {
    return false;
  }
}

async function removeQuietly(docker: Dockerode, tag: string): Promise<void> {
  await docker
    .getImage(tag)
    .remove({ noprune: true })
    .catch(() => undefined);
}
