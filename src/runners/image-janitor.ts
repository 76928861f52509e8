import { writeFileSync } from "node:fs";
import { appendFile, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { LABEL_MANAGED } from "../docker/labels.ts";
import { processIsAlive } from "../docker/stale.ts";
import type { AppBuilder, AppBuildRequest } from "./app-runner.ts";
import type { BuildResult } from "./types.ts";

const LEDGER_PREFIX = "labgrade-layers-";
// A ledger whose run has closed: its owner builds no more, so its layers may be removed by any run.
const CLOSED_SUFFIX = ".closed.txt";
// After a cancelled or timed-out build the engine removes the step's container on its own schedule.
const CLOSE_PATIENCE_MS = 15_000;

interface Made {
  id: string;
  /** The build's start: an image older than this was not made by it, whatever its output claimed. */
  since: number;
  tag: string;
  /** A layer other builds reuse from the engine's cache (a hoisted pip install): kept until close. */
  shared?: boolean;
}

type Removal = "removed" | "gone" | "kept";

// Removes the images labgrade's builds make: the tagged app image and every layer the build made on the
// way (unlabelled, and left untagged by a failed, timed-out or cancelled build). Removal waits until no
// build is running, because a running build may be resting a cached step on exactly those layers
// ("unknown parent image ID"). A layer another build still rests on (one of its children exists) is
// kept and tried again at the next flush; close() tries until nothing is left. Each layer is also written
// to a ledger file, so that when labgrade is killed outright the next run removes what it had made.
export class ImageJanitor {
  private active = 0;
  private flushing: Promise<void> | null = null;
  /** Every layer made and not yet removed, oldest first. */
  private layers: Made[] = [];
  private readonly released = new Set<string>();
  private readonly pendingTags = new Set<string>();
  private closing = false;
  readonly ledger: string;

  constructor(
    private readonly docker: Dockerode,
    runId: string,
    tmp: string = os.tmpdir(),
  ) {
    this.tmp = tmp;
    this.ledger = path.join(tmp, `${LEDGER_PREFIX}${process.pid}-${runId}.txt`);
    // Made at once, empty: while it is there and this process lives, other runs know a build may rest on
    // any layer of the engine's, and leave what is not theirs alone.
    try {
      writeFileSync(this.ledger, "", { flag: "a" });
    } catch {
      // an unwritable temp folder: the layers are still removed at close, only a kill leaves them
    }
  }
  private readonly tmp: string;

  // The builder, with every build counted and its layers recorded under its tag.
  wrap(builder: AppBuilder): AppBuilder {
    return { build: (req) => this.duringBuild(req, (tracked) => builder.build(tracked)) };
  }

  private async duringBuild(req: AppBuildRequest, build: (req: AppBuildRequest) => Promise<BuildResult>): Promise<BuildResult> {
    while (this.flushing) await this.flushing;
    this.active++;
    // Minutes of slack: the engine's clock (a Desktop VM, a remote host) may not be this machine's.
    const since = Date.now() - 5 * 60_000;
    const record = (id: string, layer: { shared: boolean }) => {
      this.layers.push({ id, since, tag: req.tag, shared: layer.shared });
      void appendFile(this.ledger, `${id} ${since}\n`).catch(() => undefined);
      req.onLayer?.(id, layer);
    };
    try {
      return await build({ ...req, onLayer: record });
    } finally {
      this.active--;
      if (this.active === 0) await this.flush();
    }
  }

  /** The app image under this tag is no longer needed: removed, with its layers, once no build is running. */
  async release(tag: string): Promise<void> {
    this.released.add(tag);
    this.pendingTags.add(tag);
    if (this.active === 0) await this.flush();
  }

  /** Removes the released images and every layer of theirs that nothing rests on any more. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.active > 0) return;
    this.flushing = this.sweep();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }

  private async sweep(): Promise<void> {
    for (const tag of this.pendingTags) {
      await this.docker.getImage(tag).remove({ noprune: true }).catch(() => undefined);
      this.pendingTags.delete(tag);
    }
    // Another live run may be building on one of these layers (the engine's cache serves every run).
    const guard = await othersGuard(this.tmp, this.ledger);
    // Children before parents: newest first.
    const kept: Made[] = [];
    for (const layer of [...this.layers].reverse()) {
      const removable = this.released.has(layer.tag) && (!layer.shared || this.closing);
      if (!removable) kept.unshift(layer);
      else if ((await removeLayer(this.docker, layer, guard)) === "kept" && (await removeWithDescendants(this.docker, layer, guard)) === "kept") kept.unshift(layer);
    }
    this.layers = kept;
  }

  /** Everything is released and removed, waiting a little for the engine to let go of cancelled steps. */
  async close(): Promise<void> {
    this.closing = true;
    for (const layer of this.layers) this.released.add(layer.tag);
    const deadline = Date.now() + CLOSE_PATIENCE_MS;
    await this.flush();
    while (this.layers.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await this.flush();
    }
    if (this.layers.length === 0) await rm(this.ledger, { force: true });
    // What another run still rests on: left to the last run to close (or to `labgrade cleanup`).
    else await rename(this.ledger, this.ledger.replace(/\.txt$/, CLOSED_SUFFIX)).catch(() => undefined);
  }
}

// The ledgers of other runs that are building, or may: their process lives and has not closed its grader.
export async function liveLedgers(tmp: string = os.tmpdir(), own: string | null = null, isAlive: (pid: number) => boolean = processIsAlive): Promise<string[]> {
  const names = (await readdir(tmp).catch(() => [] as string[])).filter((n) => n.startsWith(LEDGER_PREFIX) && !n.endsWith(CLOSED_SUFFIX));
  return names.filter((name) => path.join(tmp, name) !== own && isAlive(ledgerPid(name)));
}

const ledgerPid = (name: string) => Number(name.slice(LEDGER_PREFIX.length).split("-")[0]);

// What other live runs may be building on, as far as a removal must care.
interface Guard {
  /** No other live run: everything this run or a dead one made may go. */
  alone: boolean;
  /** The layers live runs have written to their ledgers: theirs, never removed from here. */
  theirs: Set<string>;
  now: number;
}
// A layer or a step's container younger than this may be another run's, committed a moment ago and not yet
// in its ledger, or about to be committed: left while other runs are live.
const FRESH_MS = 60_000;

async function othersGuard(tmp: string, own: string | null, isAlive: (pid: number) => boolean = processIsAlive): Promise<Guard> {
  const live = await liveLedgers(tmp, own, isAlive);
  const theirs = new Set<string>();
  for (const name of live) {
    for (const line of (await readFile(path.join(tmp, name), "utf8").catch(() => "")).split("\n")) if (line) theirs.add(line.split(" ")[0]!.replace(/^sha256:/, "").slice(0, 12));
  }
  return { alone: live.length === 0, theirs, now: Date.now() };
}

const ALONE: Guard = { alone: true, theirs: new Set(), now: 0 };

// The ledgers of labgrade runs that are gone or closed: their layers are removed, then the ledger. While
// another run is live, what it may rest on is left (see removeWithDescendants) and swept later.
export async function sweepLayerLedgers(docker: Dockerode, tmp: string = os.tmpdir(), isAlive: (pid: number) => boolean = processIsAlive): Promise<number> {
  let removed = 0;
  const guard = await othersGuard(tmp, null, isAlive);
  for (const name of await readdir(tmp).catch(() => [] as string[])) {
    if (!name.startsWith(LEDGER_PREFIX)) continue;
    const pid = ledgerPid(name);
    const closed = name.endsWith(CLOSED_SUFFIX);
    if (!Number.isInteger(pid) || pid <= 0 || (!closed && isAlive(pid))) continue;
    const file = path.join(tmp, name);
    const lines = (await readFile(file, "utf8").catch(() => "")).split("\n").filter(Boolean).reverse();
    const kept: string[] = [];
    for (const line of lines) {
      const [id = "", since = "0"] = line.split(" ");
      if (!/^[0-9a-f]{12,64}$/.test(id)) continue;
      const outcome = await removeWithDescendants(docker, { id, since: Number(since), tag: "" }, guard);
      if (outcome === "removed") removed++;
      if (outcome === "kept") kept.unshift(line);
    }
    // A layer the engine still holds (the killed build's step is being stopped): tried again next time.
    if (kept.length) await writeFile(file, kept.join("\n") + "\n");
    else await rm(file, { force: true });
  }
  return removed;
}

// A layer and the untagged images made on it since its build began: the step a killed or cancelled build
// committed after labgrade last heard from it has no line in any output or ledger, but its parent is known.
// With other runs live, a descendant they wrote to their ledgers, or one made in the last minute, is theirs
// (their build made it on this layer from the engine's cache) and is left, with the layer.
async function removeWithDescendants(docker: Dockerode, layer: Made, guard: Guard = ALONE): Promise<Removal> {
  const first = await removeLayer(docker, layer, guard);
  if (first !== "kept") return first;
  const images = await docker.listImages({ all: true }).catch(() => [] as Dockerode.ImageInfo[]);
  const root = images.find((i) => i.Id.replace(/^sha256:/, "").startsWith(layer.id.replace(/^sha256:/, "")));
  if (!root) return first;
  const childrenOf = (id: string) => images.filter((i) => i.ParentId === id);
  // Deepest first, so each is childless when its turn comes.
  const order: Dockerode.ImageInfo[] = [];
  const visit = (id: string) => {
    for (const child of childrenOf(id)) {
      visit(child.Id);
      order.push(child);
    }
  };
  visit(root.Id);
  const theirs = (image: Dockerode.ImageInfo) => !guard.alone && (guard.theirs.has(image.Id.replace(/^sha256:/, "").slice(0, 12)) || guard.now - image.Created * 1000 < FRESH_MS);
  for (const image of order) if (!theirs(image)) await removeLayer(docker, { id: image.Id.replace(/^sha256:/, ""), since: layer.since, tag: layer.tag }, guard);
  return removeLayer(docker, layer, guard);
}

// A layer is removed only when nothing names it (no tag) and it is no older than the build that made it;
// never forced, never pruning its parents. The stopped container of a build step that ran on it (a failed
// or cancelled step's, unlabelled, made after the build began) goes first; a layer with children, or
// with any other container, is kept for a later try.
// With other runs live, only a step container that failed (exit code not 0: never committed) is removed; one
// that exited 0 or has not started may be another build's, being committed or about to run.
async function removeLayer(docker: Dockerode, layer: Made, guard: Guard = ALONE): Promise<Removal> {
  let info: Dockerode.ImageInspectInfo;
  try {
    info = await docker.getImage(layer.id).inspect();
  } catch {
    return "gone";
  }
  // Engines before 23 list an untagged image's tags as ["<none>:<none>"].
  const tags = (info.RepoTags ?? []).filter((t) => t !== "<none>:<none>");
  if (tags.length > 0 || Date.parse(info.Created) < layer.since) return "gone";
  for (const c of await docker.listContainers({ all: true }).catch(() => [])) {
    const failed = c.State === "exited" && !/^Exited \(0\)/.test(c.Status);
    const ours = c.ImageID === info.Id && !c.Labels?.[LABEL_MANAGED] && c.State !== "running" && c.Created * 1000 >= layer.since && (guard.alone || failed);
    if (ours) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
  try {
    await docker.getImage(layer.id).remove({ noprune: true });
    return "removed";
  } catch (error) {
    return (error as { statusCode?: number }).statusCode === 404 ? "gone" : "kept";
  }
}
