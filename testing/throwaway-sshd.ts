import { spawn, type ChildProcess } from "node:child_process";
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";

export interface ThrowawaySshd {
  port: number;
  /** `[127.0.0.1]:PORT ssh-ed25519 AAAA…`: the line a known_hosts file needs to trust it. */
  knownHostsLine: string;
  stop(): Promise<void>;
}

const SSHD = "/usr/sbin/sshd";

// Why an sshd cannot be started here (null: it can): OpenSSH's server, run as root for logins as root.
export async function throwawaySshdUnavailable(): Promise<string | null> {
  if (process.getuid?.() !== 0) return "a throwaway sshd needs root";
  if (!(await access(SSHD).then(() => true, () => false))) return `a throwaway sshd needs ${SSHD} (apt-get install openssh-server)`;
  if ((await execa("sh", ["-c", "command -v ssh-keygen"], { reject: false })).exitCode !== 0) return "a throwaway sshd needs ssh-keygen";
  return null;
}

// A user's key pair for logging in to throwaway sshds.
export async function makeKeyPair(dir: string, name: string): Promise<{ privateKey: string; publicKey: string }> {
  const privateKey = path.join(dir, name);
  await execa("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", privateKey]);
  return { privateKey, publicKey: (await readFile(`${privateKey}.pub`, "utf8")).trim() };
}

// An sshd of its own on a loopback port: its own host key, authorized keys and pid, in the foreground (so
// it is ended by its own pid), logins by key only, SFTP served in-process, and every session's docker
// CLI pointed at `dockerHost` (a throwaway engine's socket), as a student's machine would have it.
export async function startThrowawaySshd(options: { dockerHost: string; authorizedKeys: string[] }): Promise<ThrowawaySshd> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-sshd-"));
  let child: ChildProcess | null = null;
  try {
    await mkdir("/run/sshd", { recursive: true }); // sshd's privilege separation folder
    await execa("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(dir, "host_key")]);
    await writeFile(path.join(dir, "authorized_keys"), `${options.authorizedKeys.join("\n")}\n`, { mode: 0o600 });
    const port = await freePort();
    const config = [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${path.join(dir, "host_key")}`,
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      "StrictModes no",
      "UsePAM no",
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PermitRootLogin prohibit-password",
      "Subsystem sftp internal-sftp",
      `SetEnv DOCKER_HOST=${options.dockerHost}`,
      "MaxStartups 50",
      "MaxSessions 20",
    ];
    await writeFile(path.join(dir, "sshd_config"), `${config.join("\n")}\n`);
    const log = path.join(dir, "sshd.log");
    child = spawn(SSHD, ["-D", "-f", path.join(dir, "sshd_config"), "-E", log], { stdio: "ignore" });
    await waitForBanner(port, child, log);
    const hostKey = (await readFile(path.join(dir, "host_key.pub"), "utf8")).trim().split(/\s+/).slice(0, 2).join(" ");
    const started = child;
    let stopped: Promise<void> | undefined;
    return {
      port,
      knownHostsLine: `[127.0.0.1]:${port} ${hostKey}`,
      stop: () => (stopped ??= (async () => {
        await ended(started);
        await rm(dir, { recursive: true, force: true });
      })()),
    };
  } catch (error) {
    if (child) await ended(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

// A loopback port nothing listens on now (the sshd or a test's unreachable host takes it next).
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForBanner(port: number, child: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the throwaway sshd exited: ${await readFile(log, "utf8").catch(() => "")}`);
    const banner = await new Promise<string>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("data", (data) => (socket.destroy(), resolve(data.toString("latin1"))));
      socket.once("error", () => resolve(""));
      socket.setTimeout(1_000, () => (socket.destroy(), resolve("")));
    });
    if (banner.startsWith("SSH-2.0-")) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the throwaway sshd did not answer on port ${port}: ${await readFile(log, "utf8").catch(() => "")}`);
}

// SIGTERM to the listening sshd (labgrade has closed its connections by then); SIGKILL after 5 s.
async function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  if (await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 5_000))])) {
    child.kill("SIGKILL");
    await exited;
  }
}
