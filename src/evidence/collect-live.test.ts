import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { wantsLogs as wantsLabLogs } from "../lab/lab-container.ts";
import { handoutLab } from "../../testing/lab/lab-steps.ts";

const wantsLogs = (c: { name: string; image: string }) => wantsLabLogs(handoutLab.marks, c);
import { collectLive, isHarnessContainer, snapshotWithoutEngine, withoutLabgradeImages } from "./collect-live.ts";
import type { ImageFact } from "./types.ts";

const frame = (text: string): Buffer => {
  const header = Buffer.alloc(8);
  header[0] = 1;
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
};

interface FakeContainer {
  id: string;
  name: string;
  image: string;
  labels?: Record<string, string>;
  logs?: Buffer;
  /** Removed between listing and inspecting. */
  gone?: boolean;
}

// Just enough of Dockerode for collectLive; records which containers' logs were read.
function fakeDocker(containers: FakeContainer[], images: Partial<Dockerode.ImageInfo>[]) {
  const logsRead: string[] = [];
  const notFound = Object.assign(new Error("no such container"), { statusCode: 404 });
  const docker = {
    version: async () => ({ Version: "27.3.1", ApiVersion: "1.47", Os: "linux", Arch: "amd64" }),
    info: async () => ({ OperatingSystem: "Docker Desktop" }),
    listContainers: async () => containers.map((c) => ({ Id: c.id, Names: [`/${c.name}`], Labels: c.labels ?? {} })),
    getContainer: (id: string) => {
      const c = containers.find((x) => x.id === id)!;
      return {
        inspect: async () => {
          if (c.gone) throw notFound;
          return {
            Id: c.id, Name: `/${c.name}`, Image: "sha256:feed", Created: `2026-01-01T10:00:0${c.id}Z`, Path: "/hello", Args: [],
            State: { Status: "exited", Running: false, ExitCode: 0, StartedAt: "2026-01-01T10:00:09Z", FinishedAt: "2026-01-01T10:00:10Z" },
            Config: { Image: c.image, Tty: false, OpenStdin: false },
          };
        },
        logs: async () => (logsRead.push(c.name), c.logs ?? Buffer.alloc(0)),
      };
    },
    listImages: async () => images.map((i) => ({ Id: "sha256:0", RepoTags: [], Created: 0, Labels: {}, ...i })),
    listVolumes: async () => ({ Volumes: null }),
    listNetworks: async () => [],
  };
  return { docker: docker as unknown as Dockerode, logsRead };
}

describe("collectLive", () => {
  it("reads the student's containers and images, leaving out labgrade's and testcontainers' own", async () => {
    const { docker, logsRead } = fakeDocker(
      [
        { id: "2", name: "mycontainer", image: "hello-world", logs: frame("Hello from Docker!\n") },
        { id: "1", name: "eager_hopper", image: "hello-world:latest", logs: frame("x".repeat(100)) },
        { id: "3", name: "web", image: "nginx", logs: frame("GET /") },
        { id: "4", name: "labgrade-run", image: "labgrade/app:abc", labels: { "org.labgrade.managed": "true" } },
        { id: "5", name: "reaper", image: "testcontainers/ryuk", labels: { "org.testcontainers": "true" } },
        { id: "6", name: "gone", image: "hello-world", gone: true },
      ],
      [{ Id: "sha256:a", RepoTags: ["python:latest", "labgrade/lab-python:latest"] }, { Id: "sha256:b", RepoTags: ["labgrade/lab-hello-world:latest"] }, { Id: "sha256:c", RepoTags: ["<none>:<none>"] }],
    );
    const snapshot = await collectLive(docker, { endpoint: "unix:///var/run/docker.sock", clientVersion: null, labgradeVersion: "0.1.0", wantsLogs, now: new Date("2026-01-02T00:00:00Z") }, { maxLogBytes: 10 });
    expect(snapshot).toMatchObject({ schema: "labgrade.evidence/1", collectedAt: "2026-01-02T00:00:00.000Z", client: { version: null }, endpoint: "unix:///var/run/docker.sock" });
    expect(snapshot.engine).toEqual({ version: "27.3.1", apiVersion: "1.47", os: "linux", arch: "amd64", operatingSystem: "Docker Desktop" });
    expect(snapshot.containers.map((c) => [c.name, c.logs, c.logsTruncated])).toEqual([
      ["eager_hopper", "xxxxxxxxxx", true],
      ["mycontainer", "Hello from", true],
      ["web", "", false],
    ]);
    expect(logsRead.sort()).toEqual(["eager_hopper", "mycontainer"]);
    expect(snapshot.images.map((i) => i.tags)).toEqual([["python:latest"], []]);
  });

  it("reports an engine that fails as labgrade's problem", async () => {
    const docker = { version: async () => Promise.reject(new Error("socket hang up")), info: async () => ({}) } as unknown as Dockerode;
    await expect(collectLive(docker, { endpoint: "x", clientVersion: null, labgradeVersion: "0", wantsLogs })).rejects.toMatchObject({ name: "HarnessError", code: "ENGINE_FAILED" });
  });
});

describe("isHarnessContainer", () => {
  it("knows labgrade's and testcontainers' containers by their labels", () => {
    expect(isHarnessContainer({ "org.labgrade.managed": "true" })).toBe(true);
    expect(isHarnessContainer({ "org.testcontainers": "true", "org.testcontainers.session-id": "s" })).toBe(true);
    expect(isHarnessContainer({ "org.labgrade.substitute": "offline" })).toBe(false);
    expect(isHarnessContainer({})).toBe(false);
    expect(isHarnessContainer(null)).toBe(false);
  });
});

describe("wantsLogs", () => {
  it("reads hello-world's containers and mycontainer's look-alikes only", () => {
    expect(wantsLogs({ name: "eager_hopper", image: "hello-world" })).toBe(true);
    expect(wantsLogs({ name: "x", image: "docker.io/library/hello-world:latest" })).toBe(true);
    expect(wantsLogs({ name: "mycontainer", image: "python" })).toBe(true);
    expect(wantsLogs({ name: "my-container", image: "busybox" })).toBe(true);
    expect(wantsLogs({ name: "postgres", image: "postgres:16" })).toBe(false);
  });
});

describe("withoutLabgradeImages", () => {
  const image = (tags: string[]): ImageFact => ({ id: tags.join(","), tags, created: "2026-01-01T00:00:00.000Z", substitute: false });
  it("drops labgrade's tags, and images left with none, but keeps dangling images", () => {
    expect(withoutLabgradeImages([image(["hello-world:latest", "labgrade/lab-hello-world:latest"]), image(["labgrade/lab-python:latest"]), image([])]).map((i) => i.tags)).toEqual([["hello-world:latest"], []]);
  });
});

describe("snapshotWithoutEngine", () => {
  it("records the client and no engine", () => {
    expect(snapshotWithoutEngine({ clientVersion: "28.2.2", labgradeVersion: "0.1.0", now: new Date("2026-01-02T00:00:00Z") })).toEqual({
      schema: "labgrade.evidence/1", collectedAt: "2026-01-02T00:00:00.000Z", labgradeVersion: "0.1.0", client: { version: "28.2.2" }, engine: null, endpoint: null, containers: [], images: [],
    });
  });
});
