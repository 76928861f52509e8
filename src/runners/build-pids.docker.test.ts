import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newRun } from "../docker/labels.ts";
import { testEngine } from "../../testing/engine.ts";
import type { Sandbox } from "./app-runner.ts";
import { BUILD_CGROUP_PREFIX, buildPidsUnboundedReason, readCgroupLayout } from "./build-cgroup.ts";
import { buildImage } from "./build-image.ts";
import type { BuildResult } from "./types.ts";

const run = newRun();

// A RUN step that starts 600 background sleeps: a build step must be held at the app's pids limit, as the
// app is. Runs on the machine's own engine (it only builds) and removes its images and cgroups.
const WANTED = 600;
const FORKS = `import os, sys
wanted = int(sys.argv[1])
kids, failures, first_error = [], 0, None
for _ in range(wanted):
    try:
        pid = os.fork()
    except OSError as error:
        failures += 1
        first_error = first_error or f"{type(error).__name__}: {error}"
        continue
    if pid == 0:
        os.execvp("sleep", ["sleep", "25"])
    kids.append(pid)
report = f"started {len(kids)} of {wanted} background sleeps; {failures} forks failed ({first_error})"
print(report)
open("/forks.txt", "w").write(report + "\\n")
for pid in kids:
    os.kill(pid, 9)
for pid in kids:
    os.waitpid(pid, 0)
`;
// The ENV line keeps each build off the other's cache (cgroupparent is not part of the cache key).
const dockerfile = (name: string) => `FROM labgrade/lab-python:latest
ENV LABGRADE_TEST_BUILD=${run.id}-${name}
COPY forks.py /forks.py
RUN python /forks.py ${WANTED}
RUN cat /forks.txt
RUN python -c "import subprocess; print(subprocess.run(['echo', 'normal step', str(6 * 7)], capture_output=True, text=True).stdout)"
`;
const LIMITS: Pick<Sandbox, "memoryBytes" | "cpus" | "pidsLimit"> = { memoryBytes: 512 * 1024 * 1024, cpus: 1, pidsLimit: 128 };
const made: string[] = [];
const tags: string[] = [];
let context = "";

const unbounded = await testEngine()
  .then((engine) => buildPidsUnboundedReason(engine.docker, LIMITS.pidsLimit))
  .catch((error: unknown) => `no engine: ${(error as Error).message}`);

// What a build's processes were, seen from inside (the step's count) and from the host (the build cgroup's pids.current).
interface Seen {
  result: BuildResult;
  started: number;
  failed: number;
  hostPeak: number;
}

async function buildForks(name: string, limits: typeof LIMITS | Omit<typeof LIMITS, "pidsLimit">): Promise<Seen> {
  const { docker } = await testEngine();
  const tag = `labgrade/test-build-pids-${name}:${run.id}`;
  tags.push(tag);
  let hostPeak = 0;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      hostPeak = Math.max(hostPeak, ...(await buildCgroupPids()));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    await writeFile(path.join(context, "Dockerfile"), dockerfile(name));
    const result = await buildImage(docker, { context, tag, labels: run.labels, networkMode: "none", timeoutMs: 300_000, limits, onLayer: (id) => made.push(id) });
    const count = /started (\d+) of \d+ background sleeps; (\d+) forks failed/.exec(result.log);
    return { result, started: Number(count?.[1] ?? NaN), failed: Number(count?.[2] ?? NaN), hostPeak };
  } finally {
    sampling = false;
    await sampler;
  }
}

// pids.current of this process's build cgroups, read on the host while the build runs.
async function buildCgroupPids(): Promise<number[]> {
  const layout = await readCgroupLayout();
  const parent = layout?.version === 2 ? layout.root : layout?.pids;
  if (!parent) return [];
  const counts: number[] = [];
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (!name.startsWith(`${BUILD_CGROUP_PREFIX}${process.pid}-`)) continue;
    const current = Number((await readFile(path.join(parent, name, "pids.current"), "utf8").catch(() => "0")).trim());
    if (Number.isFinite(current)) counts.push(current);
  }
  return counts;
}

async function leftoverBuildCgroups(): Promise<string[]> {
  const layout = await readCgroupLayout();
  if (!layout) return [];
  const parents = layout.version === 2 ? [layout.root] : layout.hierarchies;
  const left: string[] = [];
  for (const parent of parents) {
    for (const name of await readdir(parent).catch(() => [] as string[])) if (name.startsWith(`${BUILD_CGROUP_PREFIX}${process.pid}-`)) left.push(path.join(parent, name));
  }
  return left;
}

describe.skipIf(unbounded !== null)(`a build step's processes are bounded like the app's${unbounded ? ` (skipped: ${unbounded})` : ""}`, () => {
  beforeAll(async () => {
    context = await mkdtemp(path.join(os.tmpdir(), "labgrade-pids-test-"));
    await writeFile(path.join(context, "forks.py"), FORKS);
  });

  afterAll(async () => {
    const { docker } = await testEngine();
    for (const tag of tags) await docker.getImage(tag).remove({ noprune: true }).catch(() => undefined);
    // Children before parents: each layer rests on the one before it.
    for (const id of made.reverse()) await docker.getImage(id).remove({ noprune: true }).catch(() => undefined);
    await rm(context, { recursive: true, force: true });
  });

  it(`holds a RUN step that starts ${WANTED} background sleeps at the pids limit, and later steps still run`, async () => {
    const seen = await buildForks("bounded", LIMITS);
    console.info(`bounded (pids ${LIMITS.pidsLimit}): the step started ${seen.started} of ${WANTED}, ${seen.failed} forks failed; host saw at most ${seen.hostPeak} pids in the build cgroup`);
    expect(seen.result.error).toBeUndefined();
    expect(seen.result.ok).toBe(true);
    expect(seen.result.pidsUnbounded).toBeUndefined();
    expect(seen.started).toBeGreaterThan(0);
    expect(seen.started).toBeLessThan(LIMITS.pidsLimit);
    expect(seen.failed).toBe(WANTED - seen.started);
    expect(seen.result.log).toContain("Resource temporarily unavailable");
    expect(seen.hostPeak).toBeGreaterThan(LIMITS.pidsLimit / 2);
    expect(seen.hostPeak).toBeLessThanOrEqual(LIMITS.pidsLimit);
    expect(seen.result.log).toContain("normal step 42");
    expect(await leftoverBuildCgroups()).toEqual([]);
  });

  it(`without a pids limit the same step starts all ${WANTED} (the measurement the bound is compared with)`, async () => {
    const seen = await buildForks("unbounded", { memoryBytes: LIMITS.memoryBytes, cpus: LIMITS.cpus });
    console.info(`unbounded: the step started ${seen.started} of ${WANTED}, ${seen.failed} forks failed`);
    expect(seen.result.ok).toBe(true);
    expect(seen.started).toBe(WANTED);
    expect(seen.failed).toBe(0);
    expect(seen.hostPeak).toBe(0); // no build cgroup was made
    expect(await leftoverBuildCgroups()).toEqual([]);
  });
});
