import type { Sandbox } from "./app-runner.ts";

// Which of the app's cgroup bounds (memory, swap, processes, CPU) the engine applies. A rootless engine on cgroup
// v1 (cgroup driver `none`) accepts them, keeps them in the container's HostConfig, answers no warning, and applies
// none (measured on Docker 20.10: docs/engines.md); its `docker info` says so, as moby's fillPlatformInfo leaves
// MemoryLimit, SwapLimit, PidsLimit and CpuCfsQuota false with the `none` driver. An engine whose kernel lacks a
// controller drops the limit from the HostConfig instead. Pure: the runner and doctor read the facts.
// https://docs.docker.com/engine/security/rootless/#limiting-resources

/** What `docker info` says of the engine's limits. A field the engine does not report is undefined, never taken as false. */
export interface EngineLimits {
  MemoryLimit?: boolean;
  SwapLimit?: boolean;
  PidsLimit?: boolean;
  CpuCfsQuota?: boolean;
  CgroupDriver?: string;
  CgroupVersion?: string;
  SecurityOptions?: string[] | null;
}

/** The limits the created container holds (its inspect's HostConfig). */
export interface HeldLimits {
  Memory?: number | null;
  MemorySwap?: number | null;
  PidsLimit?: number | null;
  NanoCpus?: number | null;
}

/** The bounds asked for: a build asks no pids limit of the engine (its processes are bounded by a cgroup of labgrade's). */
type Bounds = Pick<Sandbox, "memoryBytes" | "cpus"> & Partial<Pick<Sandbox, "pidsLimit">>;

// The bounds the run goes without and why, as a clause ("memory (512 MiB) and processes (128): the engine …"); null when all hold.
export function unboundedRun(info: EngineLimits, sandbox: Bounds, held?: HeldLimits): string | null {
  const gone = (value: number | null | undefined) => held !== undefined && value !== undefined && (value === null || value <= 0);
  const said: Record<Bound, boolean> = { memory: info.MemoryLimit === false, swap: info.SwapLimit === false, pids: info.PidsLimit === false, cpu: info.CpuCfsQuota === false };
  const lost: Record<Bound, boolean> = { memory: gone(held?.Memory), swap: gone(held?.MemorySwap), pids: gone(held?.PidsLimit), cpu: gone(held?.NanoCpus) };
  const dropped = (bound: Bound) => said[bound] || lost[bound];
  const names: string[] = [];
  if (dropped("memory")) names.push(`memory (${Math.round(sandbox.memoryBytes / 1024 / 1024)} MiB)`);
  else if (dropped("swap")) names.push("swap (the memory bound holds, but the app may swap beyond it)");
  if (sandbox.pidsLimit !== undefined && dropped("pids")) names.push(`processes (${sandbox.pidsLimit})`);
  if (dropped("cpu")) names.push(`CPU (${sandbox.cpus})`);
  if (names.length === 0) return null;
  return `${listed(names)}: ${reason(info, said, lost)}`;
}

const INFO_FIELDS = { memory: "MemoryLimit", swap: "SwapLimit", pids: "PidsLimit", cpu: "CpuCfsQuota" } as const;
type Bound = keyof typeof INFO_FIELDS;

function reason(info: EngineLimits, said: Record<Bound, boolean>, lost: Record<Bound, boolean>): string {
  const rootless = (info.SecurityOptions ?? []).some((o) => o.includes("name=rootless"));
  if (rootless && info.CgroupDriver === "none") return `the engine is rootless without cgroups (cgroup driver \`none\`, cgroup v${info.CgroupVersion ?? "?"}) and applies none of them`;
  const bounds = Object.keys(INFO_FIELDS) as Bound[];
  const told = bounds.filter((b) => said[b]).map((b) => `${INFO_FIELDS[b]} false`);
  const parts: string[] = [];
  if (told.length > 0) parts.push(`the engine says it cannot apply them (docker info: ${told.join(", ")}${rootless ? "; it is rootless" : ""})`);
  if (bounds.some((b) => lost[b] && !said[b])) parts.push("the engine dropped them from the app's container when it created it");
  return parts.join("; ");
}

function listed(names: string[]): string {
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
}
