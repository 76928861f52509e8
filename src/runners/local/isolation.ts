import { randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { execa } from "execa";
import type { Sandbox } from "../app-runner.ts";
import { BACKSTOP_GRACE_MS } from "../deadline.ts";

// How far this machine lets labgrade fence in an app without an engine. Each bound is the kernel's (util-linux's
// prlimit, unshare and setpriv, coreutils' timeout), applied by exec'ing one into the next, so the app's process
// is the one labgrade spawned and its process group is the one labgrade kills.
export interface Isolation {
  prlimit: string | null;
  /** The unshare words that worked here (a network and pid namespace of the app's own), or null. */
  unshare: string[] | null;
  setpriv: string | null;
  /** A user id no process uses (root only): RLIMIT_NPROC then counts the app's processes and nothing else. */
  uid: number | null;
  timeout: string | null;
  /** What could not be applied here, and why. */
  unbounded: string[];
}

const SEARCH = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];
/** Above the system and regular ranges, below 65534 (nobody), so a user namespace that maps 16 bits still has it. */
const UID_RANGE: [number, number] = [61_000, 64_999];

function findTool(name: string, envPath: string | undefined = process.env.PATH, exists: (file: string) => boolean = existsSync): string | null {
  for (const dir of [...(envPath ?? "").split(path.delimiter).filter(Boolean), ...SEARCH]) {
    const file = path.join(dir, name);
    if (exists(file)) return file;
  }
  return null;
}

export async function probeIsolation(uid: number | undefined = process.getuid?.()): Promise<Isolation> {
  const works = async (file: string, args: string[]) => (await execa(file, args, { reject: false, timeout: 5_000, stdin: "ignore" })).exitCode === 0;
  const [prlimit, unshareTool, setpriv, timeout] = [findTool("prlimit"), findTool("unshare"), findTool("setpriv"), findTool("timeout")];
  const unbounded: string[] = [];
  let unshare: string[] | null = null;
  if (unshareTool) {
    const namespaces = [unshareTool, "--net", "--pid", "--fork", "--kill-child"];
    const asUser = [unshareTool, "--user", "--map-root-user", "--net", "--pid", "--fork", "--kill-child"];
    for (const words of uid === 0 ? [namespaces] : [asUser, namespaces]) {
      if (await works(words[0]!, [...words.slice(1), "--", "true"])) {
        unshare = [...words, "--"];
        break;
      }
    }
  }
  if (!unshare) unbounded.push(`network: the app can reach the network, and a process it detaches (setsid) can outlive the time limit: ${unshareTool ? "this machine does not permit new network and pid namespaces (unshare; containers such as Gradescope's usually forbid them)" : "unshare (util-linux) is not installed"}`);
  let ownUid: number | null = null;
  if (uid === 0 && setpriv) {
    const candidate = randomInt(UID_RANGE[0], UID_RANGE[1] + 1);
    if (await works(setpriv, [`--reuid=${candidate}`, `--regid=${candidate}`, "--clear-groups", "--", "true"])) ownUid = candidate;
  }
  if (ownUid === null) {
    unbounded.push(
      uid === 0
        ? "processes: setpriv (util-linux) could not give the app a user of its own, so no process limit was set (RLIMIT_NPROC counts every process of the user it is set for)"
        : "processes: labgrade is not root, so the app runs as this user; no process limit was set, since RLIMIT_NPROC counts every process of this user, labgrade's own included",
    );
  }
  if (!prlimit) unbounded.push("memory: prlimit (util-linux) is not installed, so the memory bound is set with the shell's `ulimit -d`");
  if (!timeout) unbounded.push("time backstop: coreutils' timeout is not installed; labgrade's own timer still stops the app");
  unbounded.push("cpu: no CPU quota without an engine (the app may use every core)");
  unbounded.push("disk: each file the app writes is bounded, not their total");
  return { prlimit, unshare, setpriv, uid: ownUid, timeout, unbounded };
}

// The app's command with every bound this machine allows in front of it. `asOwnUser` is false when the app's
// python cannot be run by the sandbox's user (a python under /root, such as pyenv's).
export function wrapCommand(isolation: Isolation, argv: readonly string[], sandbox: Sandbox, asOwnUser: boolean): string[] {
  const uid = asOwnUser ? isolation.uid : null;
  const chain: string[] = [];
  // RLIMIT_DATA, not RLIMIT_AS: the address space of python with numpy is several times what it uses (thread
  // stacks, allocator arenas and OpenBLAS buffers reserved per core), so an AS bound fails honest apps on big
  // machines. DATA counts the private writable memory a program allocates (its heap, numpy's arrays), which is
  // what the engine's memory limit charges, less the shared libraries and the page cache.
  // RLIMIT_FSIZE bounds each file the app writes at the container's disk limit (python then gets EFBIG); their
  // total is not bounded without an engine.
  if (isolation.prlimit) chain.push(isolation.prlimit, `--data=${sandbox.memoryBytes}`, `--fsize=${sandbox.diskBytes}`, "--core=0", ...(uid !== null ? [`--nproc=${sandbox.pidsLimit}`] : []), "--");
  else chain.push("/bin/sh", "-c", 'ulimit -d "$1" && ulimit -f "$2" && ulimit -c 0 && shift 2 && exec "$@"', "labgrade-limits", String(Math.floor(sandbox.memoryBytes / 1024)), String(Math.floor(sandbox.diskBytes / 512))); // dash counts -d in KiB, -f in 512-byte blocks
  if (isolation.unshare) chain.push(...isolation.unshare);
  if (uid !== null && isolation.setpriv) chain.push(isolation.setpriv, `--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--no-new-privs", "--");
  // Inside the pid namespace timeout is its first process: when it goes, everything the app started goes.
  if (isolation.timeout) chain.push(isolation.timeout, "-s", "KILL", String(Math.ceil((sandbox.timeoutMs + BACKSTOP_GRACE_MS) / 1000)));
  return [...chain, ...argv];
}

// For the report: the bounds applied, in a line.
export function describeIsolation(isolation: Isolation, sandbox: Sandbox, asOwnUser = true): string {
  const applied = [
    `${Math.round(sandbox.timeoutMs / 1000)} s`,
    `${Math.round(sandbox.memoryBytes / 1024 / 1024)} MiB of memory (RLIMIT_DATA)`,
    ...(isolation.uid !== null && asOwnUser ? [`at most ${sandbox.pidsLimit} processes as a user of its own (uid ${isolation.uid})`] : []),
    ...(isolation.unshare ? ["no network (a network namespace of its own)"] : []),
    `files up to ${Math.round(sandbox.diskBytes / 1024 / 1024)} MiB each`,
    `output kept up to ${Math.round(sandbox.outputCapBytes / 1024)} KiB`,
  ];
  return applied.join(", ");
}
