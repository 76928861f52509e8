import type Dockerode from "dockerode";
import { describe, expect, it } from "vitest";
import { mapContainer } from "./map-container.ts";

type State = Dockerode.ContainerInspectInfo["State"];

// Only the fields mapContainer reads, shaped as `docker inspect` prints them.
const inspect = (over: { name?: string; state?: Partial<State>; tty?: boolean; openStdin?: boolean; image?: string }): Dockerode.ContainerInspectInfo =>
  ({
    Id: "c0ffee",
    Created: "2026-01-01T10:00:00.000000000Z",
    Path: "/hello",
    Args: [],
    Name: over.name ?? "/mycontainer",
    Image: "sha256:3e2aaf4ac260",
    State: { Status: "exited", Running: false, Paused: false, Restarting: false, OOMKilled: false, Dead: false, Pid: 0, ExitCode: 0, Error: "", StartedAt: "2026-01-01T10:00:01.5Z", FinishedAt: "2026-01-01T10:00:01.6Z", ...over.state },
    Config: { Image: over.image ?? "hello-world", Tty: over.tty ?? true, OpenStdin: over.openStdin ?? true, Cmd: ["/hello"], Labels: {} },
  }) as unknown as Dockerode.ContainerInspectInfo;

const noLogs = { text: "", truncated: false };

describe("mapContainer", () => {
  it("maps an exited container", () => {
    expect(mapContainer(inspect({}), { text: "Hello from Docker!\n", truncated: false })).toEqual({
      id: "c0ffee",
      name: "mycontainer",
      image: "hello-world",
      imageId: "sha256:3e2aaf4ac260",
      created: "2026-01-01T10:00:00.000000000Z",
      interactive: true,
      tty: true,
      command: ["/hello"],
      status: "exited",
      everStarted: true,
      exitCode: 0,
      startedAt: "2026-01-01T10:00:01.5Z",
      finishedAt: "2026-01-01T10:00:01.6Z",
      logs: "Hello from Docker!\n",
      logsTruncated: false,
      mounts: [],
      networks: [],
      env: [],
      ports: [],
      restart: "no",
      labels: {},
    });
  });
  it("knows a never-started container by its zero StartedAt", () => {
    const fact = mapContainer(inspect({ state: { Status: "created", StartedAt: "0001-01-01T00:00:00Z", FinishedAt: "0001-01-01T00:00:00Z" } }), noLogs);
    expect(fact).toMatchObject({ status: "created", everStarted: false, startedAt: null, finishedAt: null, exitCode: null });
  });
  it("keeps the exit code of a start that failed", () => {
    const fact = mapContainer(inspect({ state: { Status: "created", ExitCode: 127, StartedAt: "0001-01-01T00:00:00Z" } }), noLogs);
    expect(fact).toMatchObject({ everStarted: false, exitCode: 127 });
  });
  it("has no exit code while running", () => {
    const fact = mapContainer(inspect({ state: { Status: "running", Running: true, FinishedAt: "0001-01-01T00:00:00Z" } }), noLogs);
    expect(fact).toMatchObject({ status: "running", exitCode: null, finishedAt: null });
  });
  it("records -i and -t apart, and a non-zero exit", () => {
    const fact = mapContainer(inspect({ tty: false, openStdin: true, state: { ExitCode: 1 } }), noLogs);
    expect(fact).toMatchObject({ interactive: true, tty: false, exitCode: 1 });
  });
  it("judges an unknown status by the state's flags", () => {
    expect(mapContainer(inspect({ state: { Status: "hibernating" } }), noLogs).status).toBe("exited");
    expect(mapContainer(inspect({ state: { Status: "hibernating", Running: true } }), noLogs).status).toBe("running");
  });
  it("passes the logs' bound on", () => {
    expect(mapContainer(inspect({}), { text: "abc", truncated: true })).toMatchObject({ logs: "abc", logsTruncated: true });
  });
});
