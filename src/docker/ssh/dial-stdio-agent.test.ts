import http from "node:http";
import net from "node:net";
import { PassThrough } from "node:stream";
import Dockerode from "dockerode";
import type { Client } from "ssh2";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DialStdioAgent } from "./dial-stdio-agent.ts";

// An SSH connection stand-in: each `docker system dial-stdio` is a TCP connection to a local HTTP server
// playing the engine, which records every request that reaches it.
function fakeSsh(port: number, commands: string[]): Client {
  return {
    exec(command: string, callback: (error: Error | undefined, channel: unknown) => void) {
      commands.push(command);
      const socket = net.connect(port, "127.0.0.1") as net.Socket & { stderr: PassThrough };
      socket.stderr = new PassThrough();
      socket.once("connect", () => callback(undefined, socket));
    },
  } as unknown as Client;
}

describe("the Docker API over dial-stdio", () => {
  let server: http.Server;
  let port = 0;
  const reached: string[] = [];
  beforeEach(async () => {
    reached.length = 0;
    server = http.createServer((req, res) => {
      reached.push(`${req.method} ${req.url}`);
      res.setHeader("Content-Type", "application/json");
      res.end(req.url?.endsWith("/_ping") ? "OK" : "[]");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the reads a snapshot makes over one reused channel, and refuses every write before it is sent", async () => {
    const commands: string[] = [];
    const agent = new DialStdioAgent(fakeSsh(port, commands));
    const docker = new Dockerode({ protocol: "http", host: "lab7.example.edu", port: 22, agent } as Dockerode.DockerOptions);
    try {
      await docker.ping();
      await docker.listContainers({ all: true });
      await docker.listImages();
      await expect(docker.getContainer("mycontainer").remove({ force: true })).rejects.toThrow("labgrade reads a student's engine only: DELETE /containers/mycontainer?force=true was not sent");
      await expect(docker.createContainer({ Image: "hello-world" })).rejects.toThrow(/labgrade reads a student's engine only: POST \/containers\/create/);
      await expect(docker.getImage("python").tag({ repo: "python", tag: "again" })).rejects.toThrow(/POST \/images\/python\/tag/);
      expect(reached).toEqual(["GET /_ping", "GET /containers/json?all=true", "GET /images/json"]);
      expect(commands).toEqual(["docker system dial-stdio"]);
    } finally {
      agent.destroy();
    }
  });
});
