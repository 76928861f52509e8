import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { engineEvents } from "./docker-engine-source.ts";
import { loadLab } from "../labfile/index.ts";
import { changesEvidence, describeEvent, eventSteps, mapEngineEvent } from "./engine-event.ts";

// Lines as engine 20.10 sends them on GET /events (legacy fields kept beside Type/Action/Actor).
const CREATE = {
  status: "create",
  id: "ace858a71d9cb46da21b",
  from: "hello-world",
  Type: "container",
  Action: "create",
  Actor: { ID: "ace858a71d9cb46da21b", Attributes: { image: "hello-world", name: "my-container", "org.labgrade.substitute": "offline" } },
  scope: "local",
  time: 1795852318,
  timeNano: 1795852318784000000,
};
const DIE = { ...CREATE, status: "die", Action: "die", Actor: { ...CREATE.Actor, Attributes: { ...CREATE.Actor.Attributes, exitCode: "0" } } };
const UNTAG = { status: "untag", id: "sha256:932e6bd9e67d", Type: "image", Action: "untag", Actor: { ID: "sha256:932e6bd9e67d", Attributes: { name: "sha256:932e6bd9e67d" } }, scope: "local", time: 1795852320, timeNano: 1795852320000000000 };

describe("mapEngineEvent", () => {
  it("keeps what a student recognises: the container's name, its image, the exit code", () => {
    expect(mapEngineEvent(DIE)).toEqual({ type: "container", action: "die", id: "ace858a71d9cb46da21b", name: "my-container", image: "hello-world", exitCode: 0, harness: false, time: "2026-11-28T07:51:58.784Z" });
    expect(describeEvent(mapEngineEvent(DIE)!)).toBe("container die my-container (hello-world), exit 0");
    expect(describeEvent(mapEngineEvent(UNTAG)!)).toBe("image untag 932e6bd9e67d");
    expect(describeEvent(mapEngineEvent({ ...UNTAG, Actor: { ID: "x", Attributes: { name: `sha256:${"ab".repeat(32)}` } } })!)).toBe("image untag abababababab");
  });

  it("marks labgrade's and testcontainers' own objects as harness, as the evidence does (a substitute label is not one)", () => {
    expect(mapEngineEvent(CREATE)!.harness).toBe(false);
    const mine = { ...CREATE, Actor: { ...CREATE.Actor, Attributes: { ...CREATE.Actor.Attributes, "org.labgrade.managed": "true" } } };
    expect(mapEngineEvent(mine)!.harness).toBe(true);
    const tc = { ...CREATE, Actor: { ...CREATE.Actor, Attributes: { "org.testcontainers": "true" } } };
    expect(mapEngineEvent(tc)!.harness).toBe(true);
    expect(mapEngineEvent({ ...UNTAG, Action: "tag", Actor: { ID: "sha256:1", Attributes: { name: "labgrade/app:run-1" } } })!.harness).toBe(true);
  });

  it("needs a new read after a change, not after an attach, a resize or an exec", () => {
    expect(changesEvidence(mapEngineEvent(CREATE)!)).toBe(true);
    expect(changesEvidence(mapEngineEvent({ ...CREATE, Action: "attach" })!)).toBe(false);
    expect(changesEvidence(mapEngineEvent({ ...CREATE, Action: "exec_start: sh -c true" })!)).toBe(false);
    expect(changesEvidence(mapEngineEvent({ ...CREATE, Action: "rename" })!)).toBe(true);
    expect(changesEvidence(mapEngineEvent({ Type: "container", Action: "prune", Actor: { ID: "", Attributes: { reclaimed: "0" } } })!)).toBe(true);
  });

  it("keeps volume and network events, and ignores the others (a plugin's, the daemon's)", () => {
    const connect = { Type: "network", Action: "connect", Actor: { ID: "0a1b2c", Attributes: { container: "ace858a71d9c", name: "labnet", type: "bridge" } }, time: 1795852320 };
    expect(mapEngineEvent(connect)).toMatchObject({ type: "network", action: "connect", id: "0a1b2c", name: "labnet" });
    expect(changesEvidence(mapEngineEvent(connect)!)).toBe(true);
    expect(mapEngineEvent({ Type: "volume", Action: "create", Actor: { ID: "data", Attributes: { driver: "local" } } })).toMatchObject({ type: "volume", action: "create", id: "data" });
    expect(changesEvidence(mapEngineEvent({ Type: "volume", Action: "mount", Actor: { ID: "data", Attributes: {} } })!)).toBe(false);
    expect(mapEngineEvent({ Type: "plugin", Action: "install" })).toBeNull();
    expect(mapEngineEvent({ Type: "daemon", Action: "reload" })).toBeNull();
    expect(mapEngineEvent("create")).toBeNull();
    expect(mapEngineEvent(null)).toBeNull();
  });
});

describe("engineEvents", () => {
  it("reads one JSON object a line across chunk boundaries, skipping lines that do not parse", async () => {
    const text = `${JSON.stringify(CREATE)}\n\nnot json\n${JSON.stringify(DIE)}\n${JSON.stringify({ Type: "network", Action: "connect" })}\n`;
    const chunks = [text.slice(0, 17), text.slice(17, 200), text.slice(200)].map((s) => Buffer.from(s));
    const seen = [];
    for await (const event of engineEvents(Readable.from(chunks))) seen.push(event.action);
    expect(seen).toEqual(["create", "die", "connect"]);
  });
});

describe("eventSteps", () => {
  it("ticks a lab's steps that read what the event changes: volumes and networks as well as containers and images", async () => {
    const lab = await loadLab("docker-volumes-networks");
    const steps = eventSteps(lab);
    expect(steps["volume create"]).toEqual(["volume-created"]);
    expect(steps["network create"]).toEqual(["network-created", "server-isolated"]);
    expect(steps["network connect"]).toEqual(expect.arrayContaining(["network-created", "server-running", "client-reached-server", "server-isolated"]));
    expect(steps["image pull"] ?? []).not.toContain("volume-created");
    expect(steps["container start"]).toEqual(expect.arrayContaining(["volume-written", "volume-read", "bind-mounted"]));
  });
});
