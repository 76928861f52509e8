import { mkdir, mkdtemp, readdir, readFile, rm, rmdir, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buildCgroupName,
  createBuildCgroup,
  openBuildCgroup,
  ownerPid,
  planBuildCgroup,
  readCgroupLayout,
  removeBuildCgroup,
  sweepBuildCgroups,
  type CgroupFs,
  type CgroupLayout,
  type EngineCgroupFacts,
} from "./build-cgroup.ts";

const V1_HIERARCHIES = ["blkio", "cpu,cpuacct", "cpuset", "devices", "freezer", "memory", "pids", "systemd", "unified"];

function facts(overrides: Partial<EngineCgroupFacts> = {}, info: EngineCgroupFacts["info"] = {}): EngineCgroupFacts {
  const layout: CgroupLayout = { version: 1, root: "/sys/fs/cgroup", hierarchies: V1_HIERARCHIES.map((h) => `/sys/fs/cgroup/${h}`), pids: "/sys/fs/cgroup/pids" };
  return {
    platform: "linux",
    uid: 0,
    unixSocket: true,
    hostname: "grader",
    layout,
    ...overrides,
    info: { Name: "grader", OperatingSystem: "Debian GNU/Linux 12 (bookworm)", CgroupDriver: "cgroupfs", CgroupVersion: "1", SecurityOptions: ["name=seccomp,profile=default"], ...info },
  };
}

describe("planBuildCgroup", () => {
  it("bounds a build on a local root engine with the cgroupfs driver: an absolute parent named for the build", () => {
    const plan = planBuildCgroup(facts(), "labgrade-build-42-abcd", 128);
    expect(plan).toMatchObject({ bounded: true, name: "labgrade-build-42-abcd", cgroupParent: "/labgrade-build-42-abcd", pidsMax: 128 });
  });

  it("bounds a build on cgroup v2 when the root offers the pids controller", () => {
    const v2: CgroupLayout = { version: 2, root: "/sys/fs/cgroup", controllers: ["cpuset", "cpu", "io", "memory", "pids"] };
    expect(planBuildCgroup(facts({ layout: v2 }, { CgroupVersion: "2" }), "labgrade-build-1-a", 128)).toMatchObject({ bounded: true, cgroupParent: "/labgrade-build-1-a" });
  });

  it.each([
    ["Docker Desktop on a Mac", facts({ platform: "darwin" }), /labgrade runs on darwin: the engine's cgroups are inside Docker Desktop's VM/],
    ["a remote DOCKER_HOST", facts({ unixSocket: false }), /reached over the network \(DOCKER_HOST\)/],
    ["Docker Desktop on Linux", facts({}, { OperatingSystem: "Docker Desktop" }), /Docker Desktop's VM/],
    ["a rootless engine", facts({}, { SecurityOptions: ["name=seccomp,profile=default", "name=rootless"] }), /rootless/],
    ["an engine on another host behind a unix socket", facts({}, { Name: "build-server" }), /runs on host `build-server`, not on this one \(`grader`\)/],
    ["the systemd cgroup driver", facts({}, { CgroupDriver: "systemd" }), /systemd cgroup driver, whose parents must be slices/],
    ["no cgroup filesystem", facts({ layout: null }), /no cgroup filesystem/],
    ["an engine on v2 seen from a v1 machine", facts({}, { CgroupVersion: "2" }), /engine uses cgroup v2 but \/sys\/fs\/cgroup is v1/],
    ["v1 without a pids hierarchy", facts({ layout: { version: 1, root: "/sys/fs/cgroup", hierarchies: ["/sys/fs/cgroup/memory"], pids: null } }), /no pids hierarchy/],
    ["v2 without the pids controller", facts({ layout: { version: 2, root: "/sys/fs/cgroup", controllers: ["memory"] } }, { CgroupVersion: "2" }), /no pids controller/],
    ["labgrade not root", facts({ uid: 1000 }), /not running as root/],
  ])("does not bound a build with %s, and says why", (_case, given, reason) => {
    const plan = planBuildCgroup(given, "labgrade-build-1-a", 128);
    expect(plan.bounded).toBe(false);
    expect(plan.bounded ? "" : plan.reason).toMatch(reason);
  });
});

describe("build cgroup names", () => {
  it("carry their owner's pid, so a sweep can tell a dead run's", () => {
    const name = buildCgroupName(4321, "0f1e2d3c");
    expect(name).toBe("labgrade-build-4321-0f1e2d3c");
    expect(ownerPid(name)).toBe(4321);
    expect(ownerPid(buildCgroupName())).toBe(process.pid);
  });

  it.each(["docker", "labgrade-build-", "labgrade-build-12", "labgrade-build-x-1", "labgrade-build-0-ab", "labgrade-throwaway-12-ab"])("are not read into %s", (name) => {
    expect(ownerPid(name)).toBeNull();
  });
});

describe("on a fake /sys/fs/cgroup", () => {
  let root = "";
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "labgrade-cgroup-test-"));
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function v1Tree(): Promise<CgroupLayout> {
    for (const h of V1_HIERARCHIES) {
      await mkdir(path.join(root, h));
      await writeFile(path.join(root, h, "cgroup.procs"), "1\n");
    }
    await symlink(path.join(root, "cpu,cpuacct"), path.join(root, "cpu"));
    await mkdir(path.join(root, "not-a-hierarchy"));
    const layout = await readCgroupLayout(root);
    if (!layout) throw new Error("no layout");
    return layout;
  }

  async function v2Tree(subtree = "cpu memory pids"): Promise<CgroupLayout> {
    await writeFile(path.join(root, "cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
    await writeFile(path.join(root, "cgroup.subtree_control"), `${subtree}\n`);
    const layout = await readCgroupLayout(root);
    if (!layout) throw new Error("no layout");
    return layout;
  }

  // A container cgroup as runc makes it under the build's parent; `procs` are the processes still in it.
  async function containerCgroup(parent: string, procs = ""): Promise<string> {
    const dir = path.join(parent, "c0ffee");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "cgroup.procs"), procs);
    return dir;
  }

  // Like cgroupfs: a cgroup with processes or child cgroups is busy; its interface files go with it.
  const cgroupFs: CgroupFs = {
    async rmdir(dir) {
      const entries = await readdir(dir, { withFileTypes: true });
      if (entries.some((e) => e.isDirectory())) throw Object.assign(new Error("busy"), { code: "EBUSY" });
      if ((await readFile(path.join(dir, "cgroup.procs"), "utf8").catch(() => "")).trim()) throw Object.assign(new Error("busy"), { code: "EBUSY" });
      for (const e of entries) await rm(path.join(dir, e.name));
      await rmdir(dir);
    },
  };

  it("reads a v1 layout: every hierarchy folder, no links, the pids one found", async () => {
    const layout = await v1Tree();
    expect(layout).toEqual({ version: 1, root, hierarchies: V1_HIERARCHIES.map((h) => path.join(root, h)), pids: path.join(root, "pids") });
  });

  it("reads a v2 layout from the root's cgroup.controllers, and nothing from an empty folder", async () => {
    expect(await readCgroupLayout(root)).toBeNull();
    expect(await v2Tree()).toEqual({ version: 2, root, controllers: ["cpuset", "cpu", "io", "memory", "hugetlb", "pids", "rdma", "misc"] });
  });

  it("v1: makes the build's cgroup in the pids hierarchy with pids.max", async () => {
    const layout = await v1Tree();
    await createBuildCgroup({ bounded: true, name: "labgrade-build-7-aa", cgroupParent: "/labgrade-build-7-aa", pidsMax: 128, layout });
    expect(await readFile(path.join(root, "pids", "labgrade-build-7-aa", "pids.max"), "utf8")).toBe("128");
  });

  it("v2: turns the pids controller on for the root's children when it is off, then sets pids.max", async () => {
    const layout = await v2Tree("cpu memory");
    await createBuildCgroup({ bounded: true, name: "labgrade-build-7-aa", cgroupParent: "/labgrade-build-7-aa", pidsMax: 64, layout });
    expect(await readFile(path.join(root, "cgroup.subtree_control"), "utf8")).toBe("+pids");
    expect(await readFile(path.join(root, "labgrade-build-7-aa", "pids.max"), "utf8")).toBe("64");
  });

  it("v2: leaves subtree_control alone when pids is on", async () => {
    const layout = await v2Tree();
    await createBuildCgroup({ bounded: true, name: "labgrade-build-7-aa", cgroupParent: "/labgrade-build-7-aa", pidsMax: 64, layout });
    expect(await readFile(path.join(root, "cgroup.subtree_control"), "utf8")).toBe("cpu memory pids\n");
  });

  it("removes the build's cgroup from every hierarchy runc made it in, container cgroups first", async () => {
    const layout = await v1Tree();
    for (const h of ["pids", "memory", "cpu,cpuacct", "systemd"]) await containerCgroup(path.join(root, h, "labgrade-build-7-aa"));
    expect(await removeBuildCgroup(layout, "labgrade-build-7-aa", { fs: cgroupFs })).toBe(true);
    for (const h of V1_HIERARCHIES) expect(await readdir(path.join(root, h))).toEqual(["cgroup.procs"]);
  });

  it("waits for a container the engine has not removed yet, then removes the cgroup", async () => {
    const layout = await v1Tree();
    const container = await containerCgroup(path.join(root, "pids", "labgrade-build-7-aa"), "4242\n");
    let slept = 0;
    const sleep = async () => {
      if (++slept === 3) await writeFile(path.join(container, "cgroup.procs"), "");
    };
    expect(await removeBuildCgroup(layout, "labgrade-build-7-aa", { fs: cgroupFs, sleep })).toBe(true);
    expect(slept).toBe(3);
    expect(await readdir(path.join(root, "pids"))).toEqual(["cgroup.procs"]);
  });

  it("gives up at its deadline on a cgroup that keeps a process, and never kills it", async () => {
    const layout = await v1Tree();
    const container = await containerCgroup(path.join(root, "pids", "labgrade-build-7-aa"), "4242\n");
    let now = 0;
    const sleep = async (ms: number) => void (now += ms);
    expect(await removeBuildCgroup(layout, "labgrade-build-7-aa", { fs: cgroupFs, sleep, now: () => now, timeoutMs: 2_000 })).toBe(false);
    expect(now).toBeGreaterThanOrEqual(2_000);
    expect(now).toBeLessThan(3_000);
    expect(await readFile(path.join(container, "cgroup.procs"), "utf8")).toBe("4242\n");
  });

  it("sweeps the empty build cgroups of dead runs only", async () => {
    await v1Tree();
    const dead = "labgrade-build-1111-aa";
    const alive = "labgrade-build-2222-bb";
    const deadButBusy = "labgrade-build-3333-cc";
    const own = buildCgroupName();
    for (const h of ["pids", "memory"]) {
      await containerCgroup(path.join(root, h, dead));
      await containerCgroup(path.join(root, h, alive));
      await mkdir(path.join(root, h, own));
      await mkdir(path.join(root, h, "docker"));
    }
    await containerCgroup(path.join(root, "pids", deadButBusy), "4242\n");
    const removed = await sweepBuildCgroups({ root, fs: cgroupFs, isAlive: (pid) => pid === 2222 });
    expect(removed).toEqual([dead]);
    expect((await readdir(path.join(root, "pids"))).sort()).toEqual(["cgroup.procs", "docker", alive, deadButBusy, own].sort());
    expect((await readdir(path.join(root, "memory"))).sort()).toEqual(["cgroup.procs", "docker", alive, own].sort());
  });

  it("sweeps nothing, and does not throw, where there is no cgroup filesystem", async () => {
    expect(await sweepBuildCgroups({ root: path.join(root, "missing") })).toEqual([]);
  });
});

describe("openBuildCgroup", () => {
  it("runs a remote engine's builds unbounded and says why, making nothing", async () => {
    const docker = { modem: { host: "build-server", port: 2376 }, info: async () => ({ Name: "build-server", CgroupDriver: "cgroupfs", CgroupVersion: "1" }) } as unknown as Dockerode;
    const cgroup = await openBuildCgroup(docker, 128, "/nonexistent");
    expect(cgroup.cgroupParent).toBeNull();
    expect(cgroup.unboundedReason).toMatch(/reached over the network/);
  });

  it("passes on what the engine says of the limits it applies, leaving out a flag it does not report as true or false", async () => {
    const info = { Name: "build-server", CgroupDriver: "none", CgroupVersion: "1", SecurityOptions: ["name=rootless"], MemoryLimit: false, SwapLimit: "no", PidsLimit: false, CpuCfsQuota: true };
    const docker = { modem: { host: "build-server", port: 2376 }, info: async () => info } as unknown as Dockerode;
    const { engineLimits } = await openBuildCgroup(docker, 128, "/nonexistent");
    expect(engineLimits).toMatchObject({ CgroupDriver: "none", CgroupVersion: "1", SecurityOptions: ["name=rootless"], MemoryLimit: false, PidsLimit: false, CpuCfsQuota: true });
    expect(engineLimits).not.toHaveProperty("SwapLimit");
  });

  it("throws when the engine does not answer docker info (the build would fail the same way)", async () => {
    const docker = { modem: { socketPath: "/var/run/docker.sock" }, info: async () => Promise.reject(new Error("connect ENOENT /var/run/docker.sock")) } as unknown as Dockerode;
    await expect(openBuildCgroup(docker, 128, "/nonexistent")).rejects.toThrow("connect ENOENT");
  });
});
