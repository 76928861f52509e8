import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SANDBOX, type Sandbox } from "../app-runner.ts";
import { probeIsolation } from "./isolation.ts";
import { LocalAppBuilder } from "./local-app-builder.ts";
import { LocalAppRunner } from "./local-app-runner.ts";
import { LocalEnvironment } from "./local-environment.ts";
import { VenvCache } from "./venv-cache.ts";

// The local runner's bounds, on apps that need no packages (a venv without wheels): the host's python3 and
// util-linux do the work, no engine is involved.
const isolation = await probeIsolation();
const venvs = new VenvCache();
const folders: string[] = [];
afterAll(async () => {
  await venvs.dispose();
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

async function runApp(files: Record<string, string>, sandbox: Partial<Sandbox> = {}) {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-local-test-"));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  const local = new LocalEnvironment({ venvs, wheelsDir: path.join(dir, "no-wheels") });
  const tag = `labgrade/app:test-${folders.length}`;
  const box = { ...DEFAULT_SANDBOX, ...sandbox };
  const build = await new LocalAppBuilder(local).build({ appDir: dir, dockerfile: "Dockerfile", externalBases: [], tag, labels: {}, timeoutMs: 120_000, sandbox: box });
  if (!build.ok) return { build, run: null, local, root: "" };
  const root = local.apps.get(tag)!.root;
  const run = await new LocalAppRunner(local).run({ image: tag, labels: {}, sandbox: box });
  await local.close();
  return { build, run, local, root };
}

const dockerfile = (cmd = '["python", "app.py"]') => `FROM python\nWORKDIR /app\nCOPY . /app\nCMD ${cmd}\n`;

describe("LocalAppRunner", () => {
  it("runs CMD in WORKDIR with the venv's python, paths as the image has them, and none of labgrade's environment", async () => {
    const app = "import json, os, sys\nprint(json.dumps({'cwd': os.getcwd(), 'argv0': sys.argv[0], 'prefix': sys.prefix, 'env': sorted(os.environ)}))\n";
    const { run } = await runApp({ Dockerfile: dockerfile('["/usr/local/bin/python", "/app/app.py"]'), "app.py": app });
    expect(run?.exitCode).toBe(0);
    const seen = JSON.parse(run!.stdout) as { cwd: string; argv0: string; prefix: string; env: string[] };
    expect(seen).toMatchObject({ cwd: "/app", argv0: "/app/app.py", prefix: "/usr/local" });
    expect(seen.env).toEqual(expect.arrayContaining(["MPLBACKEND", "PYTHONPATH", "LABGRADE_CAPTURE_DIR", "PATH", "HOME"]));
    expect(seen.env.filter((name) => /^(npm_|VITEST|NODE_|LABGRADE_WHEELS)/.test(name))).toEqual([]);
  }, 120_000);

  it("runs a shell-form CMD through /bin/sh, and the python image's own python3 without CMD", async () => {
    const shell = await runApp({ Dockerfile: dockerfile("python app.py && echo done"), "app.py": "print('hi')\n" });
    expect(shell.run?.stdout).toBe("hi\ndone\n");
    const none = await runApp({ Dockerfile: "FROM python\nWORKDIR /app\nCOPY . /app\n", "app.py": "print('never')\n" });
    expect(none.run, none.run?.stderr).toMatchObject({ exitCode: 0, stdout: "" });
  }, 120_000);

  it("stops the app at its time limit with everything it started, even a process that left its group", async () => {
    const app = [
      "import os, subprocess, sys, time",
      "subprocess.Popen([sys.executable, '-c', 'import os, time\\nwhile True:\\n    open(\"/tmp/alive\", \"w\").write(str(time.time()))\\n    time.sleep(0.2)'], start_new_session=True)",
      "time.sleep(600)",
    ].join("\n");
    const started = Date.now();
    const { run, root } = await runApp({ Dockerfile: dockerfile(), "app.py": app }, { timeoutMs: 2_000 });
    expect(run).toMatchObject({ timedOut: true, exitCode: null });
    expect(Date.now() - started).toBeLessThan(60_000);
    if (!isolation.unshare) return; // without a pid namespace a process that calls setsid() escapes the group kill
    const marker = path.join(root, "tmp", "alive");
    const before = await stat(marker).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const after = await stat(marker).catch(() => null);
    expect(after?.mtimeMs).toBe(before?.mtimeMs);
  }, 120_000);

  it("stops an app that allocates past its memory limit, as the engine's limit would", async () => {
    const { run } = await runApp({ Dockerfile: dockerfile(), "app.py": "x = bytearray(1024 * 1024 * 1024)\nprint('allocated')\n" }, { memoryBytes: 256 * 1024 * 1024 });
    expect(run).toMatchObject({ oomKilled: true, stdout: "" });
    expect(run?.exitCode).not.toBe(0);
  }, 120_000);

  it("keeps output up to the cap and counts the rest", async () => {
    const { run } = await runApp({ Dockerfile: dockerfile(), "app.py": "import sys\nsys.stdout.write('x' * (3 * 1024 * 1024))\n" }, { outputCapBytes: 1024 * 1024 });
    expect(run?.stdout.length).toBe(1024 * 1024);
    expect(run?.droppedBytes).toBe(2 * 1024 * 1024);
  }, 120_000);

  it("bounds each file the app writes at the disk limit", async () => {
    const app = "try:\n    open('big', 'wb').write(b'x' * (16 * 1024 * 1024))\n    print('written')\nexcept OSError as error:\n    print('refused', error.errno)\n";
    const { run } = await runApp({ Dockerfile: dockerfile(), "app.py": app }, { diskBytes: 8 * 1024 * 1024 });
    expect(run?.stdout).toBe("refused 27\n"); // EFBIG
  }, 120_000);

  it("says exec: not found, as the engine does, for a CMD that names no program", async () => {
    const { run } = await runApp({ Dockerfile: dockerfile('["pyhton", "app.py"]'), "app.py": "print(1)\n" });
    expect(run?.exitCode).toBe(127);
    expect(run?.stderr).toContain('exec: "pyhton": executable file not found in $PATH');
  }, 120_000);

  it.runIf(isolation.uid !== null)("runs the app as a user of its own, with at most pidsLimit processes", async () => {
    const app = [
      "import os, sys, time",
      "print(os.getuid())",
      "children = 0",
      "try:",
      "    for _ in range(40):",
      "        if os.fork() == 0:",
      "            time.sleep(5)",
      "            os._exit(0)",
      "        children += 1",
      "except OSError as error:",
      "    print('refused', children, error.errno)",
      "sys.stdout.flush()",
      "os._exit(0)",
    ].join("\n");
    const { run } = await runApp({ Dockerfile: dockerfile(), "app.py": app }, { pidsLimit: 10 });
    const [uid, refused] = run!.stdout.trim().split("\n");
    expect(Number(uid)).toBeGreaterThanOrEqual(61_000); // not root: a uid no other process has
    expect(refused).toMatch(/^refused \d+ 11$/); // EAGAIN
    expect(Number(refused!.split(" ")[1])).toBeLessThan(10);
  }, 120_000);

  it.runIf(isolation.unshare !== null)("gives the app no network", async () => {
    const server = net.createServer((socket) => socket.end("hello"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const app = `import socket\ntry:\n    socket.create_connection(("127.0.0.1", ${port}), 2)\n    print("connected")\nexcept OSError as error:\n    print("refused", error.errno)\n`;
      const { run } = await runApp({ Dockerfile: dockerfile(), "app.py": app });
      expect(run?.stdout).toMatch(/^refused \d+/);
    } finally {
      server.close();
    }
  }, 120_000);
});
