import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import ssh2, { type ServerChannel } from "ssh2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnownHosts } from "./host-keys.ts";
import { knownHostsLine } from "./known-hosts.ts";
import { openSshEngine, type SshEngineOptions } from "./ssh-engine.ts";
import { withSshEngine } from "./with-ssh-engine.ts";

const { Server, utils } = ssh2;

// A student's machine played by ssh2's own server: logins as root with the grader's key, `docker --version`,
// and `docker system dial-stdio` wired to a local HTTP server playing the engine (or failing, when asked).
describe("reaching a student's engine over SSH", () => {
  let dir = "";
  let engine: http.Server;
  let sshd: InstanceType<typeof Server>;
  let silent: net.Server;
  let sshPort = 0;
  let silentPort = 0;
  let options: SshEngineOptions;
  let dialStdio: "engine" | "missing" = "engine";
  const userKey = utils.generateKeyPairSync("ed25519");
  const hostKey = utils.generateKeyPairSync("ed25519");

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-ssh-engine-"));
    // /_ping answers; listing containers never does (an engine that hangs).
    engine = http.createServer((req, res) => (req.url?.endsWith("/_ping") ? res.end("OK") : undefined));
    await listen(engine);
    const accepted = (utils.parseKey(userKey.public) as ssh2.ParsedKey).getPublicSSH();
    sshd = new Server({ hostKeys: [hostKey.private] }, (client) => {
      client.on("authentication", (ctx) => (ctx.method === "publickey" && ctx.key.data.equals(accepted) ? ctx.accept() : ctx.reject(["publickey"])));
      client.on("ready", () => client.on("session", (accept) => accept().on("exec", (acceptExec, _reject, info) => run(info.command, acceptExec()))));
      client.on("error", () => undefined);
    });
    await listen(sshd as unknown as net.Server);
    sshPort = ((sshd as unknown as net.Server).address() as net.AddressInfo).port;
    silent = net.createServer(() => undefined); // accepts, then says nothing
    await listen(silent);
    silentPort = (silent.address() as net.AddressInfo).port;
    const hostBlob = (utils.parseKey(hostKey.public) as ssh2.ParsedKey).getPublicSSH();
    await writeFile(path.join(dir, "known_hosts"), `${knownHostsLine("127.0.0.1", sshPort, hostBlob)}\n`);
    await writeFile(path.join(dir, "id_grader"), userKey.private);
    await writeFile(path.join(dir, "id_stranger"), utils.generateKeyPairSync("ed25519").private);
    options = { knownHosts: new KnownHosts({ file: path.join(dir, "known_hosts"), acceptNew: false }), connectTimeoutMs: 1_000, agentSocket: undefined, defaultIdentities: [path.join(dir, "id_grader")] };
  });
  afterAll(async () => {
    for (const server of [engine, sshd as unknown as net.Server, silent]) server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  function run(command: string, channel: ServerChannel): void {
    if (command === "docker --version") {
      channel.end("Docker version 27.5.1, build 9f9e405\n");
      return void channel.exit(0);
    }
    if (dialStdio === "missing") {
      channel.stderr.write("bash: line 1: docker: command not found\n");
      channel.exit(127);
      return void channel.end();
    }
    const socket = net.connect((engine.address() as net.AddressInfo).port, "127.0.0.1");
    socket.pipe(channel).pipe(socket);
  }

  const target = { user: "root", host: "127.0.0.1", port: 0 };

  it("logs in, pings the engine through dial-stdio, names it ssh://user@host:port, and knows the remote client", async () => {
    const ssh = await openSshEngine({ ...target, port: sshPort }, options);
    try {
      expect(ssh.engine.endpoint.url).toBe(`ssh://root@127.0.0.1:${sshPort}`);
      expect(ssh.engine.clientVersion).toBe("27.5.1");
      expect(ssh.addedHostKey).toBe(false);
    } finally {
      ssh.close();
    }
  });

  it("gives up on a machine that accepts the connection and never speaks SSH, after the connect timeout", async () => {
    const started = Date.now();
    await expect(openSshEngine({ ...target, port: silentPort }, options)).rejects.toThrow("could not reach 127.0.0.1: no SSH answer within 1 s");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("closes the connection of an engine that stops answering, after the read timeout", async () => {
    const started = Date.now();
    const read = withSshEngine({ ...target, port: sshPort }, { ...options, readTimeoutMs: 1_500 }, (ssh) => ssh.engine.docker.listContainers({ all: true }));
    await expect(read).rejects.toThrow("could not reach 127.0.0.1: its engine and files were not read within 2 s");
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it("closes the connection at once when the grade is cancelled", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const read = withSshEngine({ ...target, port: sshPort }, { ...options, readTimeoutMs: 60_000 }, (ssh) => ssh.engine.docker.listContainers({ all: true }), controller.signal);
    setTimeout(() => controller.abort(new Error("Ctrl-C")), 500);
    await expect(read).rejects.toThrow("Grading was cancelled (Ctrl-C).");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("says why: a refused login, a machine without docker, an identity file that is not a key", async () => {
    await expect(openSshEngine({ ...target, port: sshPort, identity: path.join(dir, "id_stranger") }, options)).rejects.toThrow("could not reach 127.0.0.1: the login as root was refused (tried an identity file)");
    await expect(openSshEngine({ ...target, port: sshPort, identity: path.join(dir, "known_hosts") }, options)).rejects.toThrow(/could not reach 127\.0\.0\.1: the identity file .*known_hosts is not a private key labgrade can read/);
    await expect(openSshEngine({ ...target, port: sshPort }, { ...options, defaultIdentities: [path.join(dir, "none")] })).rejects.toThrow("could not reach 127.0.0.1: no key to log in with");
    dialStdio = "missing";
    try {
      await expect(openSshEngine({ ...target, port: sshPort }, options)).rejects.toThrow("could not reach 127.0.0.1: `docker system dial-stdio` failed on that machine: bash: line 1: docker: command not found (the docker command was not found there (exit 127))");
    } finally {
      dialStdio = "engine";
    }
  });
});

function listen(server: net.Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
}
