// A BuildKit grade killed with SIGKILL in the middle of a long RUN step, then `labgrade cleanup`: the build
// must end by itself (the CLI's guard sees labgrade gone), and the engine must hold the same tags, containers
// and build-cache records as before. One of the matrix's cases (matrix.ts).
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type Dockerode from "dockerode";
import { execa } from "execa";
import { listRecords } from "../../src/runners/build-cache-records.ts";
import { processIsAlive } from "../../src/lock/process-alive.ts";

const BIN = path.resolve(import.meta.dirname, "../../bin/labgrade.js");
// The RUN step's sleep, a number no other process on the machine is likely to sleep for.
const SLEEP = 5999;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface State { tags: string[]; containers: string[]; cache: string[] }
async function state(docker: Dockerode): Promise<State> {
  return {
    tags: (await docker.listImages()).flatMap((i) => i.RepoTags ?? []).filter((t) => t !== "<none>:<none>").sort(),
    containers: (await docker.listContainers({ all: true })).map((c) => c.Id).sort(),
    cache: ((await listRecords(docker)) ?? []).map((r) => r.ID).sort(),
  };
}

// The pids whose parent is `pid` (Linux /proc).
async function children(pid: number): Promise<Array<{ pid: number; cmd: string }>> {
  const found: Array<{ pid: number; cmd: string }> = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === pid) found.push({ pid: Number(entry), cmd: (await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).replaceAll("\0", " ") });
  }
  return found;
}

// Whether a process with this command line runs on this machine (the engine's containers are its processes).
async function running(cmd: string): Promise<boolean> {
  for (const entry of await readdir("/proc")) {
    if (/^\d+$/.test(entry) && (await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "")).replaceAll("\0", " ").trim() === cmd) return true;
  }
  return false;
}

async function waitFor<T>(what: () => Promise<T | undefined>, ms: number): Promise<T | undefined> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(250)) {
    const got = await what();
    if (got !== undefined) return got;
  }
  return undefined;
}

export async function killedMidBuild(docker: Dockerode, app: string, env: NodeJS.ProcessEnv): Promise<{ right: number; of: number; note: string }> {
  const dockerfile = path.join(app, "Dockerfile");
  await writeFile(dockerfile, (await readFile(dockerfile, "utf8")).replace(/^CMD/m, `RUN sleep ${SLEEP}\nCMD`));
  const before = await state(docker);
  const grade = execa("node", [BIN, "grade", app, "--out", path.join(app, "reports")], { env: { ...process.env, FORCE_COLOR: "0", ...env, LABGRADE_BUILDER: "buildkit" }, reject: false, all: true });
  const notes: string[] = [];
  // The build is under way once the guarded CLI runs, and in its RUN sleep a few seconds later.
  const guard = await waitFor(async () => (await children(grade.pid!)).find((c) => c.cmd.includes("child-guard.mjs")), 120_000);
  if (!guard) notes.push("the build never started");
  // Killed while the CLI prints nothing (a silent step): it would otherwise die of a closed pipe at its next line.
  const step = await waitFor(async () => (await running(`sleep ${SLEEP}`)) || undefined, 120_000);
  if (!step) notes.push("the RUN step never ran");
  await sleep(2_000);
  grade.kill("SIGKILL");
  await grade;
  const ended = guard ? await waitFor(async () => (processIsAlive(guard.pid) ? undefined : true), 30_000) : true;
  if (!ended) notes.push("the build's CLI outlived labgrade by 30 s");
  if (await waitFor(async () => ((await running(`sleep ${SLEEP}`)) ? undefined : true), 30_000) === undefined) notes.push("the RUN step outlived labgrade by 30 s");
  await execa("node", [BIN, "cleanup"], { env: { ...process.env, ...env }, reject: false });
  // The cancelled step's records are let go a moment after the build ends.
  const after = (await waitFor(async () => {
    const now = await state(docker);
    return JSON.stringify(now) === JSON.stringify(before) ? now : undefined;
  }, 20_000)) ?? (await state(docker));
  for (const key of ["tags", "containers", "cache"] as const) {
    const added = after[key].filter((x) => !before[key].includes(x));
    const removed = before[key].filter((x) => !after[key].includes(x));
    if (added.length || removed.length) notes.push(`${key}: ${added.length} added, ${removed.length} removed`);
  }
  return { right: notes.length ? 0 : 1, of: 1, note: notes.join("; ") };
}
