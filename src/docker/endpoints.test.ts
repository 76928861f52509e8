import { describe, expect, it } from "vitest";
import { candidateEndpoints, dockerodeOptions } from "./endpoints.ts";

const base = { dockerHost: undefined, contextHost: undefined, platform: "linux" as const, home: "/home/ana", xdgRuntimeDir: undefined, uid: 1000 };

describe("candidateEndpoints", () => {
  it("uses DOCKER_HOST alone when it is set", () => {
    expect(candidateEndpoints({ ...base, dockerHost: "tcp://10.0.0.1:2375" })).toEqual([{ url: "tcp://10.0.0.1:2375", source: "DOCKER_HOST" }]);
  });

  it("looks at the system, rootless and Desktop sockets on Linux", () => {
    expect(candidateEndpoints(base).map((e) => e.url)).toEqual([
      "unix:///var/run/docker.sock",
      "unix:///run/user/1000/docker.sock",
      "unix:///home/ana/.docker/run/docker.sock",
      "unix:///home/ana/.docker/desktop/docker.sock",
    ]);
  });

  it("looks at the named pipe on Windows, after the CLI's context", () => {
    const found = candidateEndpoints({ ...base, platform: "win32", contextHost: "npipe:////./pipe/dockerDesktopLinuxEngine" });
    expect(found.map((e) => e.url)).toEqual(["npipe:////./pipe/dockerDesktopLinuxEngine", "npipe:////./pipe/docker_engine"]);
  });
});

describe("dockerodeOptions", () => {
  it("maps unix sockets, named pipes and tcp", () => {
    expect(dockerodeOptions("unix:///var/run/docker.sock")).toEqual({ socketPath: "/var/run/docker.sock" });
    expect(dockerodeOptions("npipe:////./pipe/docker_engine")).toEqual({ socketPath: "\\\\.\\pipe\\docker_engine" });
    expect(dockerodeOptions("tcp://127.0.0.1:2375")).toEqual({ host: "127.0.0.1", port: 2375, protocol: "http" });
  });
});
