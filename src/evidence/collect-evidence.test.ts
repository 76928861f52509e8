import { wantsLogs } from "../lab/lab-container.ts";
import { handoutLab } from "../../testing/lab/lab-steps.ts";

const wantsLabLogs = (c: { name: string; image: string }) => wantsLogs(handoutLab.marks, c);
import { PassThrough } from "node:stream";
import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { collectEvidence, evidenceWithoutEngine } from "./collect-evidence.ts";
import { collectLive } from "./collect-live.ts";
import { evidenceDigest } from "./digest.ts";
import { snapshotOf } from "./evidence-file.ts";

const frame = (text: string): Buffer => {
  const header = Buffer.alloc(8);
  header[0] = 1;
  header.writeUInt32BE(Buffer.byteLength(text), 4);
  return Buffer.concat([header, Buffer.from(text)]);
};

const EVENTS = [
  { Type: "container", Action: "create", Actor: { ID: "a".repeat(64), Attributes: { name: "mycontainer", image: "hello-world" } }, time: 1767261600, timeNano: 1767261600000000000 },
  { Type: "container", Action: "create", Actor: { ID: "c".repeat(64), Attributes: { name: "run", "org.labgrade.managed": "true" } }, time: 1767261601, timeNano: 1767261601000000000 },
  { Type: "network", Action: "connect", Actor: { ID: "n", Attributes: {} }, time: 1767261601, timeNano: 1767261601000000000 },
  { Type: "volume", Action: "create", Actor: { ID: "labgrade-x", Attributes: { driver: "local", "org.labgrade.managed": "true" } }, time: 1767261602, timeNano: 1767261602000000000 },
  { Type: "plugin", Action: "install", Actor: { ID: "p", Attributes: {} }, time: 1767261603, timeNano: 1767261603000000000 },
];

// Just enough of Dockerode for both collectors: the same engine read twice must give the same facts.
function fakeDocker(options: { events?: "stream" | "refuse" | "refuse-once" } = {}) {
  const containers = [
    { Id: "a".repeat(64), Name: "/mycontainer", Image: "sha256:feed", Created: "2026-01-01T10:00:01.123456789Z", Path: "/hello", Args: [], State: { Status: "exited", Running: false, ExitCode: 0, StartedAt: "2026-01-01T10:00:09Z", FinishedAt: "2026-01-01T10:00:10Z" }, Config: { Image: "hello-world", Tty: false, OpenStdin: false } },
    { Id: "c".repeat(64), Name: "/run", Image: "sha256:beef", Created: "2026-01-01T10:00:02Z", Path: "python", Args: [], State: { Status: "exited", ExitCode: 0, StartedAt: "2026-01-01T10:00:03Z", FinishedAt: "2026-01-01T10:00:04Z" }, Config: { Image: "labgrade/app", Labels: {} } },
  ];
  const labels: Record<string, Record<string, string>> = { ["c".repeat(64)]: { "org.labgrade.managed": "true" } };
  const images = [
    { Id: "sha256:feed", RepoTags: ["labgrade/lab-hello-world:latest"], Created: 1767261500, Labels: null },
    { Id: "sha256:cafe", RepoTags: ["pythonapp:latest"], Created: 1767261700, Labels: { "org.labgrade.substitute": "offline" } },
  ];
  const sinceAsked: unknown[] = [];
  const docker = {
    version: async () => ({ Version: "27.3.1", ApiVersion: "1.47", Os: "linux", Arch: "amd64", Components: [] }),
    info: async () => ({ ID: "abc", Name: "laptop", OperatingSystem: "Docker Desktop", HttpProxy: "http://secret@proxy", NCPU: 8 }),
    listContainers: async () => containers.map((c) => ({ Id: c.Id, Names: [c.Name], Labels: labels[c.Id] ?? {} })),
    getContainer: (id: string) => ({ inspect: async () => containers.find((c) => c.Id === id)!, logs: async () => frame("Hello from Docker!\n") }),
    listImages: async () => images,
    listVolumes: async () => ({ Volumes: [{ Name: "data", Driver: "local", Labels: null, CreatedAt: "2026-01-01T10:00:00Z" }, { Name: "labgrade-x", Driver: "local", Labels: { "org.labgrade.managed": "true" } }] }),
    listNetworks: async () => [{ Id: "n1", Name: "bridge", Driver: "bridge", Internal: false, Labels: {}, Created: "2026-01-01T09:00:00Z" }],
    getImage: (id: string) => ({ inspect: async () => ({ ...images.find((i) => i.Id === id)!, Architecture: "amd64" }), history: async () => [{ Id: id, CreatedBy: "/bin/sh -c #(nop) CMD [\"/hello\"]" }] }),
    getEvents: async (opts: unknown) => {
      sinceAsked.push(opts);
      if (options.events === "refuse" || (options.events === "refuse-once" && sinceAsked.length === 1)) throw new Error("events are off");
      const stream = new PassThrough();
      setImmediate(() => stream.end(EVENTS.map((e) => JSON.stringify(e)).join("\n") + "\n"));
      return stream;
    },
  };
  return { docker: docker as unknown as Dockerode, sinceAsked };
}

const META = { endpoint: "unix:///var/run/docker.sock", clientVersion: "28.2.2", labgradeVersion: "0.1.0", wantsLogs: wantsLabLogs, now: new Date("2026-01-02T00:00:00Z") };

describe("collectEvidence", () => {
  it("writes format 2 with the same facts collectLive grades, the documents they come from, and a digest over them", async () => {
    const { docker, sinceAsked } = fakeDocker();
    const file = await collectEvidence(docker, META);
    expect(file.schema).toBe("labgrade.evidence/3");
    expect(file.volumes).toEqual([{ name: "data", driver: "local", labels: {}, created: "2026-01-01T10:00:00Z" }]);
    expect(file.networks?.map((n) => n.name)).toEqual(["bridge"]);
    expect(snapshotOf(file)).toEqual(await collectLive(fakeDocker().docker, META));
    expect(file.digest).toBe(evidenceDigest(file));
    expect(file.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Only the student's container, and /info's naming fields, never the host's proxies.
    expect(file.raw!.containers.map((c) => c.Name)).toEqual(["/mycontainer"]);
    expect(file.raw!.info).toEqual({ ID: "abc", Name: "laptop", OperatingSystem: "Docker Desktop" });
    expect(file.raw!.imageList).toHaveLength(2);
    expect(file.raw!.images.map((i) => i.Architecture)).toEqual(["amd64", "amd64"]);
    expect(Object.keys(file.raw!.history).sort()).toEqual(["sha256:cafe", "sha256:feed"]);
    // Every buffered event up to the collection, container and image ones only, labgrade's own left out.
    expect(sinceAsked).toEqual([{ since: "0", until: "1767312000.000" }]);
    // How many the engine sent, of any kind and whoever's: how full its buffer was.
    expect(file.raw!.events).toEqual({ since: "0", until: "1767312000.000", events: [EVENTS[0], EVENTS[2]], truncated: false, received: EVENTS.length });
  });
  it("reads the events again when a read fails, and never writes a file without them", async () => {
    const once = fakeDocker({ events: "refuse-once" });
    const file = await collectEvidence(once.docker, META);
    expect(once.sinceAsked).toHaveLength(2);
    expect(file.raw!.events?.events).toEqual([EVENTS[0], EVENTS[2]]);
    const refused = collectEvidence(fakeDocker({ events: "refuse" }).docker, META);
    await expect(refused).rejects.toMatchObject({ code: "ENGINE_FAILED" });
    await expect(refused).rejects.toThrow(/Expected the Docker engine to send its buffered events \(GET \/events\); 3 tries failed, the last with: events are off/);
  });
  it("writes no documents when no engine answered", () => {
    const file = evidenceWithoutEngine({ clientVersion: null, labgradeVersion: "0.1.0", now: META.now });
    expect(file).toMatchObject({ schema: "labgrade.evidence/3", engine: null, raw: null, containers: [], images: [] });
    expect(file.digest).toBe(evidenceDigest(file));
  });
});
