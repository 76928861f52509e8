import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { openSync, closeSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Dockerode from "dockerode";
import { execa } from "execa";
import { cgroupFolders, readCgroupLayout, removeCgroupTree, type CgroupLayout } from "../runners/build-cgroup.ts";

export interface ThrowawayEngine {
  /** The engine's unix socket. */
  socket: string;
  docker: Dockerode;
  /** SIGTERM to dockerd (a clean shutdown, bounded), then everything it made is removed. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL to dockerd (its containerd, shims and containers are left running, as after a crash), then the same removal. */
  kill(): Promise<void>;
}

const TOOLS = ["ip", "nsenter", "dockerd"] as const;

// Why a throwaway engine cannot be started here (null: it can): it needs root and these tools.
export async function throwawayEngineUnavailable(): Promise<string | null> {
  if (process.platform !== "linux") return `a throwaway engine needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "a throwaway engine needs root (network namespaces, cgroups, mounts)";
  const missing: string[] = [];
  for (const tool of TOOLS) {
    const found = await execa("sh", ["-c", `command -v ${tool}`], { reject: false });
    if (found.exitCode !== 0) missing.push(tool);
  }
  if (missing.length > 0) return `a throwaway engine needs ${missing.join(", ")} (not found on PATH)`;
  if (!(await readCgroupLayout())) return "a throwaway engine needs a cgroup filesystem at /sys/fs/cgroup";
  return null;
}

// Starts a second dockerd that shares nothing with the machine's own engine: its own network namespace
// (a dockerd in the host's would rewire the host's bridges), data and exec roots, pidfile, socket, its own
// managed containerd (under its exec root) with its own containerd namespaces, no bridge and no iptables,
// and a cgroup of its own for the daemon and its containers, so that every process it made can be found
// and ended. Resolves when /_ping answers; throws (after removing what it made) when it does not in time.
export interface ThrowawayOptions {
  startTimeoutMs?: number;
  /** A default bridge inside the engine's own network namespace (no uplink). Without one (the default) the engine
   * has no network called `bridge`, as some engines a grader meets. */
  bridge?: boolean;
  /** daemon.json (default: {}): e.g. { features: { "containerd-snapshotter": true } } for the containerd image store. */
  daemonConfig?: Record<string, unknown>;
  /** A folder holding dockerd, containerd, containerd-shim-runc-v2 and runc to use instead of those on PATH. */
  binDir?: string;
  /** More dockerd flags (e.g. --add-runtime, --default-runtime). */
  extraArgs?: string[];
}

export async function startThrowawayEngine(options: ThrowawayOptions = {}): Promise<ThrowawayEngine> {
  const layout = await readCgroupLayout();
  if (!layout) throw new Error("no cgroup filesystem at /sys/fs/cgroup");
  const name = `lgtw-${process.pid}-${randomBytes(3).toString("hex")}`;
  const base = await mkdtemp(path.join(os.tmpdir(), "labgrade-throwaway-"));
  const execRoot = `/run/${name}`; // short: containerd's socket path must fit in a sockaddr_un
  const socket = path.join(execRoot, "docker.sock");
  const tracking = trackingFolder(layout, name);
  const parts: Parts = { name, base, execRoot, layout, netns: false, child: null };
  const clean = () => removeEverything(parts);
  try {
    await execa("ip", ["netns", "add", name]);
    parts.netns = true;
    await mkdir(execRoot, { recursive: true });
    await mkdir(path.join(tracking, "daemon"), { recursive: true });
    await writeFile(path.join(base, "daemon.json"), `${JSON.stringify(options.daemonConfig ?? {})}\n`);
    const args = [
      `--data-root=${path.join(base, "data")}`,
      `--exec-root=${execRoot}`,
      `--pidfile=${path.join(execRoot, "docker.pid")}`,
      `--host=unix://${socket}`,
      `--config-file=${path.join(base, "daemon.json")}`,
      `--containerd-namespace=${name}`,
      `--containerd-plugins-namespace=${name}-plugins`,
      `--cgroup-parent=/${name}/containers`,
      "--exec-opt=native.cgroupdriver=cgroupfs",
      ...(options.bridge ? ["--ip6tables=false"] : ["--bridge=none"]),
      "--iptables=false",
      "--ip-masq=false",
      "--userland-proxy=false",
      ...(options.bridge ? ["--ip6tables=false"] : []),
      ...(options.extraArgs ?? []),
    ];
    const logFile = path.join(base, "dockerd.log");
    const fd = openSync(logFile, "a");
    // The shell moves itself into the engine's cgroup, then becomes nsenter, which becomes dockerd (same pid).
    const script = 'echo $$ > "$1" && shift && exec "$@"';
    const env = options.binDir ? { ...process.env, PATH: `${options.binDir}:${process.env.PATH ?? ""}` } : process.env;
    const dockerd = options.binDir ? path.join(options.binDir, "dockerd") : "dockerd";
    const child = spawn("sh", ["-c", script, "sh", path.join(tracking, "daemon", "cgroup.procs"), "nsenter", `--net=/run/netns/${name}`, dockerd, ...args], { stdio: ["ignore", fd, fd], env });
    closeSync(fd);
    parts.child = child;
    const docker = new Dockerode({ socketPath: socket });
    await waitForPing(docker, child, logFile, options.startTimeoutMs ?? 60_000);
    let ended: Promise<void> | undefined;
    const end = (signal: NodeJS.Signals) => (ended ??= signalAndWait(child, signal).then(clean));
    return { socket, docker, stop: () => end("SIGTERM"), kill: () => end("SIGKILL") };
  } catch (error) {
    if (parts.child) await signalAndWait(parts.child, "SIGKILL");
    await clean();
    throw error;
  }
}

interface Parts {
  name: string;
  base: string;
  execRoot: string;
  layout: CgroupLayout;
  netns: boolean;
  child: ChildProcess | null;
}

// v2: one tree; v1: the pids hierarchy tracks processes (runc makes the containers' folders in every hierarchy).
function trackingFolder(layout: CgroupLayout, name: string): string {
  return layout.version === 2 ? path.join(layout.root, name) : path.join(layout.pids ?? path.join(layout.root, "pids"), name);
}

async function waitForPing(docker: Dockerode, child: ChildProcess, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = child.exitCode !== null;
  child.once("exit", () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the throwaway dockerd exited while starting:\n${await tail(logFile)}`);
    if (await docker.ping().then(() => true, () => false)) return;
    await sleep(200);
  }
  throw new Error(`the throwaway dockerd did not answer /_ping within ${timeoutMs / 1000} s:\n${await tail(logFile)}`);
}

// Signals dockerd and waits for it to exit (bounded: a SIGTERM that is not obeyed in 30 s becomes a SIGKILL).
async function signalAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  const late = await Promise.race([exited.then(() => false), sleep(30_000).then(() => true)]);
  if (late) {
    child.kill("SIGKILL");
    await exited;
  }
}

// Ends every process left in the engine's cgroup (containerd, shims, containers: all started by this
// engine), unmounts what it left mounted, and removes its folders, cgroups and network namespace.
async function removeEverything(parts: Parts): Promise<void> {
  const tracking = trackingFolder(parts.layout, parts.name);
  const deadline = Date.now() + 15_000;
  // Descendants first gathered whole: a container placed in another cgroup (a build's cgroupparent) is
  // still a child of this engine's shim, until the shim dies and it is handed to init.
  let pids = await withDescendants(await processesIn(tracking));
  for (;;) {
    if (pids.length === 0 || Date.now() > deadline) break;
    for (const pid of pids) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await sleep(100);
    pids = await withDescendants(await processesIn(tracking));
  }
  for (const mount of await mountsUnder([parts.base, parts.execRoot])) {
    const plain = await execa("umount", [mount], { reject: false });
    if (plain.exitCode !== 0) await execa("umount", ["-l", mount], { reject: false });
  }
  await rm(parts.base, { recursive: true, force: true }).catch(() => undefined);
  await rm(parts.execRoot, { recursive: true, force: true }).catch(() => undefined);
  for (let tries = 0; tries < 50; tries++) {
    let left = 0;
    for (const dir of cgroupFolders(parts.layout, parts.name)) if (!(await removeCgroupTree(dir).catch(() => false))) left++;
    if (left === 0) break;
    await sleep(100);
  }
  if (parts.netns) await execa("ip", ["netns", "del", parts.name], { reject: false });
}

async function processesIn(dir: string): Promise<number[]> {
  const pids: number[] = [];
  const procs = await readFile(path.join(dir, "cgroup.procs"), "utf8").catch(() => "");
  for (const line of procs.split("\n")) if (/^\d+$/.test(line)) pids.push(Number(line));
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (entry.isDirectory()) pids.push(...(await processesIn(path.join(dir, entry.name))));
  }
  return pids;
}

// The processes and all their descendants, read from /proc (the parent pid is the 4th field of stat).
async function withDescendants(roots: number[]): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (Number.isInteger(ppid)) children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  const found = new Set(roots);
  const queue = [...roots];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    for (const child of children.get(pid) ?? []) {
      if (!found.has(child)) {
        found.add(child);
        queue.push(child);
      }
    }
  }
  return [...found];
}

// Mount points at or below the folders, deepest first (octal escapes in mountinfo decoded).
async function mountsUnder(folders: string[]): Promise<string[]> {
  const info = await readFile("/proc/self/mountinfo", "utf8");
  const points = info
    .split("\n")
    .map((line) => line.split(" ")[4])
    .filter((p): p is string => Boolean(p))
    .map((p) => p.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8))));
  return points.filter((p) => folders.some((f) => p === f || p.startsWith(`${f}/`))).sort((a, b) => b.length - a.length);
}

async function tail(file: string): Promise<string> {
  return (await readFile(file, "utf8").catch(() => "")).trimEnd().split("\n").slice(-15).join("\n");
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
