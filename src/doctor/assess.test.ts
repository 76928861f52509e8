import { describe, expect, it } from "vitest";
import { HELLO_WORLD, PYTHON } from "../images/lab-images.ts";
import { assess, isReady } from "./assess.ts";
import type { DoctorFacts } from "./facts.ts";
import { findTools } from "./tools.ts";

const engine = { endpoint: { url: "unix:///var/run/docker.sock", source: "the system socket" }, version: "20.10.24", apiVersion: "1.41", os: "linux", arch: "amd64", operatingSystem: "Debian" };
const present = { present: true as const, id: "sha256:1", substitute: false, created: "" };
const facts = (over: Partial<DoctorFacts>): DoctorFacts => ({
  platform: "linux",
  cli: { found: true, version: "28.2.2" },
  probes: [],
  engine,
  desktopInstalled: false,
  labImages: [HELLO_WORLD, PYTHON],
  images: [
    { image: HELLO_WORLD, public: present, private: present },
    { image: PYTHON, public: present, private: present },
  ],
  registryAnswers: false,
  forceOffline: false,
  tools: { mmdebstrap: true, cc: true, apt: true, root: true },
  ...over,
});
const missing = { present: false as const };
const tools = (over: Partial<DoctorFacts["tools"]>): DoctorFacts["tools"] => ({ mmdebstrap: true, cc: true, apt: true, root: true, ...over });

describe("assess", () => {
  it("is ready with a CLI, an engine and both images, even offline", () => {
    const findings = assess(facts({}));
    expect(isReady(findings)).toBe(true);
    expect(findings.find((f) => f.id === "registry")?.status).toBe("warn");
  });

  it("tells a Windows user to start Docker Desktop when it is installed but no engine answers", () => {
    const findings = assess(facts({ platform: "win32", engine: undefined, desktopInstalled: true, probes: [{ endpoint: { url: "npipe:////./pipe/docker_engine", source: "pipe" }, ok: false, problem: "no socket there" }] }));
    expect(isReady(findings)).toBe(false);
    expect(findings.find((f) => f.id === "engine")?.fix).toMatch(/Docker Desktop is installed but not running: start it/);
  });

  it("accepts a private copy when the lab removed the public tag, and asks for `labgrade images` when both are gone", () => {
    const findings = assess(facts({ images: [{ image: HELLO_WORLD, public: missing, private: present }, { image: PYTHON, public: missing, private: missing }] }));
    expect(findings.find((f) => f.id === "image:hello-world")?.status).toBe("ok");
    expect(findings.find((f) => f.id === "image:python")).toMatchObject({ status: "problem", fix: expect.stringContaining("labgrade images") });
  });

  it("says which image is labgrade's offline substitute", () => {
    const findings = assess(facts({ images: [{ image: PYTHON, public: { ...present, substitute: true }, private: present }] }));
    expect(findings.find((f) => f.id === "image:python")?.summary).toContain("offline substitute");
  });

  it("names mmdebstrap when python must be built offline, and the one command that installs it", () => {
    const offline = facts({ images: [{ image: HELLO_WORLD, public: present, private: present }, { image: PYTHON, public: missing, private: missing }], tools: tools({ mmdebstrap: false }) });
    const finding = assess(offline).find((f) => f.id === "tool:mmdebstrap");
    expect(finding).toEqual({
      id: "tool:mmdebstrap",
      status: "problem",
      summary: "mmdebstrap is missing: labgrade needs it to build python:latest offline (no registry answers).",
      fix: "Run `npm run setup`: it installs mmdebstrap (`apt-get install mmdebstrap`) and builds the lab images.",
    });
    expect(isReady(assess(offline))).toBe(false);
    const notRoot = assess({ ...offline, tools: tools({ mmdebstrap: false, root: false }) }).find((f) => f.id === "tool:mmdebstrap");
    expect(notRoot?.fix).toBe("Run `sudo apt-get install mmdebstrap`, then `labgrade images`.");
    const noApt = assess({ ...offline, tools: tools({ mmdebstrap: false, apt: false }) }).find((f) => f.id === "tool:mmdebstrap");
    expect(noApt?.fix).toContain("this system's package manager (it is Debian's `mmdebstrap`)");
  });

  it("names gcc for the hello-world substitute, and no tool when the image is there or a registry answers", () => {
    const helloGone = { images: [{ image: HELLO_WORLD, public: missing, private: missing }, { image: PYTHON, public: present, private: present }], tools: tools({ mmdebstrap: false, cc: false }) };
    const findings = assess(facts(helloGone));
    expect(findings.find((f) => f.id === "tool:gcc")).toMatchObject({ status: "problem", fix: "Run `npm run setup`: it installs gcc (`apt-get install gcc libc6-dev`) and builds the lab images." });
    expect(findings.find((f) => f.id === "tool:mmdebstrap")).toBeUndefined();
    expect(assess(facts({ ...helloGone, registryAnswers: true })).filter((f) => f.id.startsWith("tool:"))).toEqual([]);
    expect(assess(facts({ ...helloGone, registryAnswers: true, forceOffline: true })).find((f) => f.id === "tool:gcc")?.summary).toContain("(LABGRADE_OFFLINE is set)");
    expect(assess(facts({ ...helloGone, tools: tools({}) })).find((f) => f.id === "tool:gcc")).toMatchObject({ status: "ok" });
  });

  it("warns about a missing tool before the engine answers, since the images cannot be checked yet", () => {
    const findings = assess(facts({ engine: undefined, images: [], tools: tools({ mmdebstrap: false }) }));
    expect(findings.find((f) => f.id === "tool:mmdebstrap")).toMatchObject({ status: "warn", summary: expect.stringContaining("once the engine answers") });
  });
});

describe("findTools", () => {
  it("looks the tools up on PATH", () => {
    const onPath = new Set(["/usr/bin/mmdebstrap", "/usr/local/bin/cc", "/usr/bin/apt-get"]);
    expect(findTools({ PATH: "/usr/local/bin:/usr/bin" }, 0, (file) => onPath.has(file))).toEqual({ mmdebstrap: true, cc: true, apt: true, root: true });
    expect(findTools({ PATH: "/usr/local/bin" }, 1000, (file) => onPath.has(file))).toEqual({ mmdebstrap: false, cc: true, apt: false, root: false });
    expect(findTools({}, 1000, () => true)).toEqual({ mmdebstrap: false, cc: false, apt: false, root: false });
  });
});

describe("assess: where the app runs", () => {
  const identity = { url: "unix:///run/lg/docker.sock", id: "AAAA", rootDir: "/tmp/lg/data", version: "26.1.5", name: "laptop" };

  it("is not ready when testcontainers talks to another engine, and says what to fix", () => {
    const testcontainers = { same: false as const, graded: identity, testcontainers: { ...identity, rootDir: "/var/lib/docker" }, message: "Expected … found another engine", hint: "Unset TESTCONTAINERS_*" };
    const findings = assess(facts({ testcontainers }));
    expect(isReady(findings)).toBe(false);
    expect(findings.find((f) => f.id === "testcontainers")).toMatchObject({ status: "problem", fix: "Unset TESTCONTAINERS_*" });
  });

  it("is ready when it talks to the graded engine", () => {
    const findings = assess(facts({ testcontainers: { same: true, graded: identity } }));
    expect(isReady(findings)).toBe(true);
    expect(findings.find((f) => f.id === "testcontainers")?.summary).toContain("/tmp/lg/data");
  });
});

describe("assess: grading without an engine", () => {
  const python = { executable: "/usr/bin/python3", version: "3.11.2", cacheTag: "cpython-311" };
  const noEngine = (over: Partial<NonNullable<DoctorFacts["noEngine"]>>): DoctorFacts["noEngine"] => ({ wheelsDir: "/home/s/.cache/labgrade/wheels", cache: { source: "image", versions: { numpy: "1.24.2" }, python }, python, ...over });

  it("is ready with a wheel cache made for the python here", () => {
    const finding = assess(facts({ noEngine: noEngine({}) })).find((f) => f.id === "no-engine");
    expect(finding).toMatchObject({ status: "ok" });
    expect(finding?.summary).toContain("numpy 1.24.2");
  });

  it("says the first --no-engine grade makes a missing cache, and how to make it now, without stopping `ready`", () => {
    const findings = assess(facts({ noEngine: noEngine({ cache: null }) }));
    expect(findings.find((f) => f.id === "no-engine")).toMatchObject({ status: "warn", fix: expect.stringContaining("labgrade wheels") });
    expect(isReady(findings)).toBe(true);
  });

  it("names a cache made for another python", () => {
    const finding = assess(facts({ noEngine: noEngine({ python: { ...python, version: "3.13.1", cacheTag: "cpython-313" } }) })).find((f) => f.id === "no-engine");
    expect(finding).toMatchObject({ status: "warn", fix: expect.stringContaining("--force") });
  });
});

describe("assess: the build's process bound", () => {
  it("names why builds are not bounded (a rootless engine), without stopping `ready`", () => {
    const findings = assess(facts({ buildPidsUnbounded: "the engine is rootless: its cgroups belong to its user's systemd session" }));
    expect(findings.find((f) => f.id === "build-bound")).toMatchObject({ status: "warn", summary: expect.stringContaining("rootless") });
    expect(isReady(findings)).toBe(true);
  });

  it("says the bound holds when it does", () => {
    expect(assess(facts({ buildPidsUnbounded: null })).find((f) => f.id === "build-bound")?.status).toBe("ok");
  });

  it("claims the app's run is bounded only where the engine applies its bounds", () => {
    const rootless = "the engine is rootless: its containers' cgroups, where it has any (cgroup v2 with systemd), are its user's, not labgrade's to make";
    const bounded = assess(facts({ buildPidsUnbounded: rootless, runUnbounded: null })).find((f) => f.id === "build-bound");
    expect(bounded?.fix).toContain("the app's own run is bounded either way");
    const unbounded = assess(facts({ buildPidsUnbounded: rootless, runUnbounded: "memory (512 MiB), processes (128) and CPU (1): the engine is rootless without cgroups" })).find((f) => f.id === "build-bound");
    expect(unbounded?.fix).not.toContain("bounded either way");
    expect(unbounded?.fix).toContain("the app's own run is not bounded either");
  });
});

describe("assess: the app's run bounds", () => {
  it("warns, without stopping `ready`, when the engine does not apply the run's memory, process and CPU bounds, and says what still holds", () => {
    const findings = assess(facts({ runUnbounded: "memory (512 MiB), processes (128) and CPU (1): the engine is rootless without cgroups (cgroup driver `none`, cgroup v1) and applies none of them" }));
    const finding = findings.find((f) => f.id === "run-bound");
    expect(finding).toMatchObject({ status: "warn", summary: expect.stringMatching(/^Apps will run without labgrade's bounds on their memory \(512 MiB\), processes \(128\) and CPU \(1\): the engine is rootless without cgroups/) });
    expect(finding?.summary).toContain("time limit, output and disk caps, network cut-off and dropped capabilities still hold");
    expect(finding?.fix).toMatch(/rootful one.*cgroup v2 with systemd delegating the cpu, memory and pids controllers/);
    expect(isReady(findings)).toBe(true);
  });

  it("says the bounds hold when the engine applies them, and says nothing when it was not asked", () => {
    expect(assess(facts({ runUnbounded: null })).find((f) => f.id === "run-bound")?.status).toBe("ok");
    expect(assess(facts({})).find((f) => f.id === "run-bound")).toBeUndefined();
  });
});
