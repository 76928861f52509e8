import { randomBytes } from "node:crypto";
import { access, mkdir, readdir, readFile, rmdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { processIsAlive } from "../docker/stale.ts";
import type { EngineLimits } from "./run-bounds.ts";

// The classic build API (POST /build) has no pids option, only `cgroupparent`: each RUN step's container is
// placed under that cgroup. labgrade makes one cgroup per build with `pids.max` set, so a step's fork bomb
// stops at the app's pids limit. This needs the engine's cgroups to be this machine's, and root; elsewhere
// builds run unbounded and the result says why.

export const BUILD_CGROUP_PREFIX = "labgrade-build-";
const CGROUP_ROOT = "/sys/fs/cgroup";

/** The cgroup filesystem as this machine mounts it. */
export type CgroupLayout =
  | {
      version: 1;
      root: string;
      /** Every hierarchy's folder (cpu, memory, pids, the name=systemd one, a hybrid `unified`…): runc makes the parent in each. */
      hierarchies: string[];
      /** The hierarchy that holds the pids controller. */
      pids: string | null;
    }
  | { version: 2; root: string; controllers: string[] };

/** What the engine says of itself (`docker info`), and where labgrade runs. */
export interface EngineCgroupFacts {
  platform: NodeJS.Platform;
  /** labgrade's uid (undefined on Windows). */
  uid: number | undefined;
  /** The engine is reached through a unix socket (not tcp://, ssh:// or a Windows pipe). */
  unixSocket: boolean;
  hostname: string;
  info: EngineInfo;
  layout: CgroupLayout | null;
}

export interface EngineInfo extends EngineLimits {
  Name?: string;
  OperatingSystem?: string;
  CgroupDriver?: string;
  CgroupVersion?: string;
  SecurityOptions?: string[];
}

export type BuildCgroupPlan =
  | {
      bounded: true;
      name: string;
      /** What the engine expects: cgroupfs takes an absolute path from the hierarchy's root (a relative one lands under the shim's own cgroup). */
      cgroupParent: string;
      pidsMax: number;
      layout: CgroupLayout;
    }
  | { bounded: false; reason: string };

/** A cgroup name a sweep can trace back to its owner: `labgrade-build-<pid>-<random>`. */
export function buildCgroupName(pid: number = process.pid, random: string = randomBytes(4).toString("hex")): string {
  return `${BUILD_CGROUP_PREFIX}${pid}-${random}`;
}

export function ownerPid(name: string): number | null {
  const match = new RegExp(`^${BUILD_CGROUP_PREFIX}(\\d+)-[0-9a-z]+$`).exec(name);
  const pid = Number(match?.[1]);
  return match && Number.isInteger(pid) && pid > 0 ? pid : null;
}

// Whether labgrade can bound a build's processes on this engine, and how. Pure: the facts are read elsewhere.
export function planBuildCgroup(facts: EngineCgroupFacts, name: string, pidsMax: number): BuildCgroupPlan {
  const unbounded = (reason: string): BuildCgroupPlan => ({ bounded: false, reason });
  const { info, layout } = facts;
  if (facts.platform !== "linux") return unbounded(`labgrade runs on ${facts.platform}: the engine's cgroups are inside Docker Desktop's VM, out of labgrade's reach`);
  if (!facts.unixSocket) return unbounded("the engine is reached over the network (DOCKER_HOST), so its cgroups are not on this machine");
  if (/docker desktop/i.test(info.OperatingSystem ?? "")) return unbounded("the engine runs in Docker Desktop's VM, so its cgroups are not on this machine");
  if ((info.SecurityOptions ?? []).some((o) => o.includes("name=rootless"))) return unbounded("the engine is rootless: its containers' cgroups, where it has any (cgroup v2 with systemd), are its user's, not labgrade's to make");
  if (info.Name !== undefined && info.Name !== facts.hostname) return unbounded(`the engine runs on host \`${info.Name}\`, not on this one (\`${facts.hostname}\`)`);
  if (info.CgroupDriver === "systemd") return unbounded("the engine uses the systemd cgroup driver, whose parents must be slices; labgrade bounds builds only with the cgroupfs driver");
  if (info.CgroupDriver !== "cgroupfs") return unbounded(`the engine's cgroup driver is \`${info.CgroupDriver ?? "unknown"}\`, not cgroupfs`);
  if (!layout) return unbounded(`there is no cgroup filesystem at ${CGROUP_ROOT}`);
  if (info.CgroupVersion !== undefined && info.CgroupVersion !== String(layout.version)) {
    return unbounded(`the engine uses cgroup v${info.CgroupVersion} but ${layout.root} is v${layout.version}: not the engine's machine`);
  }
  if (layout.version === 1 && !layout.pids) return unbounded("this machine's cgroup v1 has no pids hierarchy");
  if (layout.version === 2 && !layout.controllers.includes("pids")) return unbounded("this machine's cgroup v2 has no pids controller");
  if (facts.uid !== 0) return unbounded("labgrade is not running as root, so it cannot create cgroups");
  if (!Number.isInteger(pidsMax) || pidsMax < 1) return unbounded(`the pids limit ${pidsMax} is not a positive whole number`);
  return { bounded: true, name, cgroupParent: `/${name}`, pidsMax, layout };
}

// Reads which cgroup filesystem is mounted at root: v2 (unified: cgroup.controllers at the top) or v1
// (one folder a hierarchy; the `cpu` → `cpu,cpuacct` links are skipped, their targets are listed).
export async function readCgroupLayout(root: string = CGROUP_ROOT): Promise<CgroupLayout | null> {
  const controllers = await readFile(path.join(root, "cgroup.controllers"), "utf8").catch(() => null);
  if (controllers !== null) return { version: 2, root, controllers: controllers.split(/\s+/).filter(Boolean) };
  const hierarchies: string[] = [];
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isDirectory()) continue;
    const dir = path.join(root, entry.name);
    if (await exists(path.join(dir, "cgroup.procs"))) hierarchies.push(dir);
  }
  if (hierarchies.length === 0) return null;
  const pids = hierarchies.find((dir) => path.basename(dir).split(",").includes("pids")) ?? null;
  return { version: 1, root, hierarchies, pids };
}

/** Only rmdir is swapped in tests: a real cgroupfs removes a cgroup's interface files with it. */
export interface CgroupFs {
  rmdir(dir: string): Promise<void>;
}
const realFs: CgroupFs = { rmdir: (dir) => rmdir(dir) };

// Makes the build's cgroup with its pids.max. On v2 the pids controller must be on in the root's
// subtree_control for a child to have pids.max; runc turns on the rest below it.
export async function createBuildCgroup(plan: Extract<BuildCgroupPlan, { bounded: true }>, memoryBytes?: number): Promise<void> {
  const { layout } = plan;
  const parent = layout.version === 2 ? layout.root : layout.pids;
  if (!parent) throw new Error("no pids hierarchy");
  if (layout.version === 2) {
    const enabled = (await readFile(path.join(parent, "cgroup.subtree_control"), "utf8")).split(/\s+/);
    if (!enabled.includes("pids")) await writeFile(path.join(parent, "cgroup.subtree_control"), "+pids");
  }
  const dir = path.join(parent, plan.name);
  await mkdir(dir);
  try {
    await writeFile(path.join(dir, "pids.max"), String(plan.pidsMax));
    if (memoryBytes !== undefined) await boundMemory(layout, plan.name, memoryBytes);
  } catch (error) {
    for (const folder of cgroupFolders(layout, plan.name)) await rmdir(folder).catch(() => undefined);
    throw error;
  }
}

// BuildKit takes no memory option for a build's RUN steps: the bound is the parent cgroup's, which every step's
// container is placed under (v1: the memory hierarchy's folder; v2: the same folder as pids).
async function boundMemory(layout: CgroupLayout, name: string, bytes: number): Promise<void> {
  if (layout.version === 2) {
    const enabled = (await readFile(path.join(layout.root, "cgroup.subtree_control"), "utf8")).split(/\s+/);
    if (!enabled.includes("memory")) await writeFile(path.join(layout.root, "cgroup.subtree_control"), "+memory");
    await writeFile(path.join(layout.root, name, "memory.max"), String(bytes));
    await writeFile(path.join(layout.root, name, "memory.swap.max"), "0").catch(() => undefined);
    return;
  }
  const memory = layout.hierarchies.find((dir) => path.basename(dir).split(",").includes("memory"));
  if (!memory) throw new Error("this machine's cgroup v1 has no memory hierarchy");
  const dir = path.join(memory, name);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "memory.limit_in_bytes"), String(bytes));
  if (await exists(path.join(dir, "memory.memsw.limit_in_bytes"))) await writeFile(path.join(dir, "memory.memsw.limit_in_bytes"), String(bytes));
}

/** The folders that make up a build cgroup: its folder in every v1 hierarchy (runc makes them all), or the one v2 folder. */
export function cgroupFolders(layout: CgroupLayout, name: string): string[] {
  return layout.version === 2 ? [path.join(layout.root, name)] : layout.hierarchies.map((h) => path.join(h, name));
}

// Removes a cgroup and the empty ones below it (the build containers' own, when the engine has not yet),
// children first. A cgroup that still holds a process is left: it is never killed from here.
export async function removeCgroupTree(dir: string, fs: CgroupFs = realFs): Promise<boolean> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return null;
    throw error;
  });
  if (entries === null) return true;
  let childrenGone = true;
  for (const entry of entries) {
    if (entry.isDirectory() && !(await removeCgroupTree(path.join(dir, entry.name), fs))) childrenGone = false;
  }
  if (!childrenGone) return false;
  try {
    await fs.rmdir(dir);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return true;
    if (code === "EBUSY" || code === "ENOTEMPTY" || code === "EEXIST") return false;
    throw error;
  }
}

export interface RemoveOptions {
  /** How long to wait for the engine to remove the build's containers (a timed-out or cancelled build's go late). */
  timeoutMs?: number;
  fs?: CgroupFs;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

// Removes a build's cgroup once it is empty, retrying for a bounded time. false: something is still in it;
// sweepBuildCgroups removes it once this process is gone.
export async function removeBuildCgroup(layout: CgroupLayout, name: string, options: RemoveOptions = {}): Promise<boolean> {
  const { timeoutMs = 5_000, fs = realFs, sleep = delay, now = Date.now } = options;
  const deadline = now() + timeoutMs;
  let left = cgroupFolders(layout, name);
  for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
    const kept: string[] = [];
    for (const dir of left) if (!(await removeCgroupTree(dir, fs).catch(() => false))) kept.push(dir);
    left = kept;
    if (left.length === 0) return true;
    if (now() >= deadline) return false;
    await sleep(wait);
  }
}

export interface SweepOptions {
  root?: string;
  isAlive?: (pid: number) => boolean;
  fs?: CgroupFs;
}

// Removes the empty build cgroups of labgrade processes that are gone (killed before their own cleanup).
// Safe anywhere: without a cgroup filesystem or root it finds or removes nothing.
export async function sweepBuildCgroups(options: SweepOptions = {}): Promise<string[]> {
  const { root = CGROUP_ROOT, isAlive = processIsAlive, fs = realFs } = options;
  const layout = await readCgroupLayout(root);
  if (!layout) return [];
  const parents = layout.version === 2 ? [layout.root] : layout.hierarchies;
  const removed = new Set<string>();
  const kept = new Set<string>();
  for (const parent of parents) {
    for (const name of await readdir(parent).catch(() => [] as string[])) {
      const pid = ownerPid(name);
      if (pid === null || pid === process.pid || isAlive(pid)) continue;
      if (await removeCgroupTree(path.join(parent, name), fs).catch(() => false)) removed.add(name);
      else kept.add(name);
    }
  }
  return [...removed].filter((name) => !kept.has(name));
}

/** A build's cgroup, made or not: `cgroupParent` goes to the engine, `remove()` runs when the build is over. */
export interface BuildCgroup {
  cgroupParent: string | null;
  /** Why the build runs without the pids bound (null when it is bounded). */
  unboundedReason: string | null;
  /** What the engine said of the cgroup limits it applies (the classic build's memory and CPU options depend on them). */
  engineLimits: EngineLimits;
  /** Resolves true when the cgroup is gone (or none was made), false when a process still held it at the deadline. */
  remove(timeoutMs?: number): Promise<boolean>;
}

const factsByEngine = new WeakMap<Dockerode, Promise<EngineCgroupFacts>>();

// docker info and the machine's cgroup layout, asked once per engine client. A failure is not remembered.
function engineCgroupFacts(docker: Dockerode, root: string = CGROUP_ROOT): Promise<EngineCgroupFacts> {
  let facts = factsByEngine.get(docker);
  if (!facts) {
    facts = (async () => {
      const info = (await docker.info()) as EngineInfo;
      const socketPath = (docker.modem as { socketPath?: unknown }).socketPath;
      return {
        platform: process.platform,
        uid: process.getuid?.(),
        unixSocket: typeof socketPath === "string" && !socketPath.startsWith("//./pipe/"),
        hostname: os.hostname(),
        info: {
          Name: info.Name,
          OperatingSystem: info.OperatingSystem,
          CgroupDriver: info.CgroupDriver,
          CgroupVersion: info.CgroupVersion,
          SecurityOptions: info.SecurityOptions,
          ...flags(info, ["MemoryLimit", "SwapLimit", "PidsLimit", "CpuCfsQuota"]),
        },
        layout: await readCgroupLayout(root),
      };
    })();
    factsByEngine.set(docker, facts);
    facts.catch(() => factsByEngine.delete(docker));
  }
  return facts;
}

// A flag the engine does not report as a boolean is left out: unknown, never taken as false.
function flags<K extends keyof EngineLimits>(info: EngineInfo, keys: K[]): Pick<EngineLimits, K> {
  return Object.fromEntries(keys.filter((key) => typeof info[key] === "boolean").map((key) => [key, info[key]])) as Pick<EngineLimits, K>;
}

/** What the engine says of the cgroup limits it applies (docker info), asked once per engine client. */
export async function engineLimitsOf(docker: Dockerode): Promise<EngineLimits> {
  return (await engineCgroupFacts(docker)).info;
}

/** Whether builds on this engine get their pids bound: null when they do, else why not (to be reported once). */
export async function buildPidsUnboundedReason(docker: Dockerode, pidsMax: number): Promise<string | null> {
  const plan = planBuildCgroup(await engineCgroupFacts(docker), buildCgroupName(), pidsMax);
  return plan.bounded ? null : plan.reason;
}

// Plans and makes the cgroup of one build. An engine that does not answer `docker info` throws (the
// build would fail the same way); a cgroup that cannot be made is a reason, not an error.
// `name` (default: a new random one) is for a builder whose cache keys hold the cgroup parent (BuildKit: see
// cgroup-slots.ts); it must not be in use.
export async function openBuildCgroup(docker: Dockerode, pidsMax: number, root: string = CGROUP_ROOT, memoryBytes?: number, name: string = buildCgroupName()): Promise<BuildCgroup> {
  const facts = await engineCgroupFacts(docker, root);
  const engineLimits = facts.info;
  const plan = planBuildCgroup(facts, name, pidsMax);
  if (!plan.bounded) return { cgroupParent: null, unboundedReason: plan.reason, engineLimits, remove: async () => true };
  try {
    await createBuildCgroup(plan, memoryBytes);
  } catch (error) {
    return { cgroupParent: null, unboundedReason: `labgrade could not create the cgroup ${plan.name}: ${(error as Error).message}`, engineLimits, remove: async () => true };
  }
  return {
    cgroupParent: plan.cgroupParent,
    unboundedReason: null,
    engineLimits,
    remove: (timeoutMs) => removeBuildCgroup(plan.layout, plan.name, timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
