import { describe, expect, it } from "vitest";
import { DEFAULT_SANDBOX } from "./app-runner.ts";
import { unboundedRun, type EngineLimits } from "./run-bounds.ts";

// `docker info` of Docker 20.10 on Debian bookworm (cgroup v1), rootful and rootless, as measured (docs/engines.md).
const ROOTFUL: EngineLimits = { MemoryLimit: true, SwapLimit: true, PidsLimit: true, CpuCfsQuota: true, CgroupDriver: "cgroupfs", CgroupVersion: "1", SecurityOptions: ["name=seccomp,profile=default"] };
const ROOTLESS_V1: EngineLimits = { MemoryLimit: false, SwapLimit: false, PidsLimit: false, CpuCfsQuota: false, CgroupDriver: "none", CgroupVersion: "1", SecurityOptions: ["name=seccomp,profile=default", "name=rootless"] };
// What both engines keep in the container's HostConfig for labgrade's sandbox: the rootless one keeps every limit it ignores.
const HELD = { Memory: 536870912, MemorySwap: 536870912, PidsLimit: 128, NanoCpus: 1e9 };

describe("unboundedRun", () => {
  it("finds every bound held on a rootful engine", () => {
    expect(unboundedRun(ROOTFUL, DEFAULT_SANDBOX, HELD)).toBeNull();
    expect(unboundedRun(ROOTFUL, DEFAULT_SANDBOX)).toBeNull();
  });

  it("names memory, processes and CPU on a rootless engine without cgroups, though its HostConfig keeps them", () => {
    expect(unboundedRun(ROOTLESS_V1, DEFAULT_SANDBOX, HELD)).toBe(
      "memory (512 MiB), processes (128) and CPU (1): the engine is rootless without cgroups (cgroup driver `none`, cgroup v1) and applies none of them",
    );
  });

  it("says which bounds a rootless engine on cgroup v2 lacks when systemd delegates only some controllers", () => {
    const v2 = { ...ROOTFUL, CpuCfsQuota: false, CgroupDriver: "systemd", CgroupVersion: "2", SecurityOptions: ["name=rootless", "name=cgroupns"] };
    expect(unboundedRun(v2, DEFAULT_SANDBOX, HELD)).toBe("CPU (1): the engine says it cannot apply them (docker info: CpuCfsQuota false; it is rootless)");
  });

  it("names swap alone when only swap accounting is missing", () => {
    expect(unboundedRun({ ...ROOTFUL, SwapLimit: false }, { ...DEFAULT_SANDBOX, memoryBytes: 64 * 1024 * 1024 }, { ...HELD, MemorySwap: -1 })).toBe(
      "swap (the memory bound holds, but the app may swap beyond it): the engine says it cannot apply them (docker info: SwapLimit false)",
    );
  });

  it("reads a limit the engine dropped from the container's HostConfig", () => {
    expect(unboundedRun(ROOTFUL, DEFAULT_SANDBOX, { ...HELD, PidsLimit: null })).toBe("processes (128): the engine dropped them from the app's container when it created it");
    expect(unboundedRun(ROOTFUL, DEFAULT_SANDBOX, { ...HELD, Memory: 0, NanoCpus: 0 })).toMatch(/^memory \(512 MiB\) and CPU \(1\): the engine dropped/);
  });

  it("leaves the processes out when no pids limit is asked of the engine (a build's are a cgroup's)", () => {
    expect(unboundedRun(ROOTLESS_V1, { memoryBytes: DEFAULT_SANDBOX.memoryBytes, cpus: 1 })).toMatch(/^memory \(512 MiB\) and CPU \(1\): the engine is rootless/);
  });

  it("claims nothing from a field the engine does not report", () => {
    expect(unboundedRun({}, DEFAULT_SANDBOX, {})).toBeNull();
    expect(unboundedRun({ CgroupDriver: "none" }, DEFAULT_SANDBOX)).toBeNull();
  });
});
