import { describe, expect, it } from "vitest";
import { HELLO_WORLD, PYTHON } from "../images/lab-images.ts";
import { assess, isReady } from "./assess.ts";
import type { DoctorFacts } from "./facts.ts";

const engine = { endpoint: { url: "unix:///var/run/docker.sock", source: "the system socket" }, version: "20.10.24", apiVersion: "1.41", os: "linux", arch: "amd64", operatingSystem: "Debian" };
const present = { present: true as const, id: "sha256:1", substitute: false, created: "" };
const facts = (over: Partial<DoctorFacts>): DoctorFacts => ({
  platform: "linux",
  cli: { found: true, version: "28.2.2" },
  probes: [],
  engine,
  desktopInstalled: false,
  images: [
    { image: HELLO_WORLD, public: present, private: present },
    { image: PYTHON, public: present, private: present },
  ],
  registryAnswers: false,
  ...over,
});

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
    const missing = { present: false as const };
    const findings = assess(facts({ images: [{ image: HELLO_WORLD, public: missing, private: present }, { image: PYTHON, public: missing, private: missing }] }));
    expect(findings.find((f) => f.id === "image:hello-world")?.status).toBe("ok");
    expect(findings.find((f) => f.id === "image:python")).toMatchObject({ status: "problem", fix: expect.stringContaining("labgrade images") });
  });

  it("says which image is labgrade's offline substitute", () => {
    const findings = assess(facts({ images: [{ image: PYTHON, public: { ...present, substitute: true }, private: present }] }));
    expect(findings.find((f) => f.id === "image:python")?.summary).toContain("offline substitute");
  });
});
