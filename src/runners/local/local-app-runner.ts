import { spawn } from "node:child_process";
import { chmod, chown, copyFile, lstat, readdir, readFile, rm } from "node:fs/promises";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { cancelled, HarnessError } from "../../errors.ts";
import type { AppRunner, AppRunRequest } from "../app-runner.ts";
import { CappedOutput } from "../capped-output.ts";
import { parseCaptures } from "../capture/parse-captures.ts";
import { unwrapStderr } from "../deadline.ts";
import type { PlotCapture, RunResult } from "../types.ts";
import { wrapCommand } from "./isolation.ts";
import { MAX_WRITTEN_FILE_BYTES } from "../written-files.ts";
import { imageDir, inside, readImageFile } from "./lay-out.ts";
import type { LocalApp, LocalEnvironment } from "./local-environment.ts";

const CAPTURE_SRC = fileURLToPath(new URL("../capture/", import.meta.url));
const CAPTURE_IN = "/opt/labgrade/capture";
const CAPTURE_OUT = "/tmp/labgrade-capture";
const MAX_CAPTURE_BYTES = 32 * 1024 * 1024;
/** Where the python image keeps its python: a CMD that names it runs the venv's. */
const IMAGE_PYTHON = /^\/usr(?:\/local)?\/bin\/(python(?:3(?:\.\d+)?)?)$/;
const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

// Runs an app the LocalAppBuilder laid out, as an untrusted program with no engine: its CMD/ENTRYPOINT in the
// WORKDIR, `python` being the venv's, with the same capture backend and environment as in the container, under
// the bounds isolation.ts finds on this machine (time, memory, processes, network, output).
export class LocalAppRunner implements AppRunner {
  private readonly runnable = new Map<string, Promise<boolean>>();

  constructor(private readonly local: LocalEnvironment) {}

  async run(req: AppRunRequest): Promise<RunResult> {
    const app = this.local.apps.get(req.image);
    if (!app) throw new HarnessError("BAD_INPUT", `labgrade has no app built as ${req.image} to run without an engine.`);
    if (req.signal?.aborted) throw cancelled(req.signal);
    const isolation = await this.local.isolation();
    const asOwnUser = isolation.uid !== null && (await this.canRunAs(isolation.uid, app));
    this.local.ranAsOwnUser = asOwnUser;
    await prepareRoot(app, asOwnUser ? isolation.uid : null);
    const argv = mapCommand(app.command, app, await topLevel(app.root));
    if (argv.length === 0) return refused("docker: Error response from daemon: No command specified.", 127);
    const command = wrapCommand(isolation, argv, req.sandbox, asOwnUser);
    const started = Date.now();
    const output = new CappedOutput(req.sandbox.outputCapBytes);
    const child = spawn(command[0]!, command.slice(1), { cwd: inside(app.root, app.workdir), env: appEnv(app), detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.pipe(output.sink("stdout"));
    child.stderr.pipe(output.sink("stderr"));
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, req.sandbox.timeoutMs);
    const onAbort = () => killGroup();
    req.signal?.addEventListener("abort", onAbort, { once: true });
    try {
      const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
        child.once("error", (error) => resolve({ code: null, signal: null, error }));
        child.once("exit", (code, signal) => resolve({ code, signal }));
      });
      killGroup(); // whatever the app left running in its group goes with it
      if (req.signal?.aborted) throw cancelled(req.signal);
      if (exit.error) throw new HarnessError("TOOL_MISSING", `labgrade could not start the app without an engine: ${exit.error.message}`);
      await Promise.race([closed(child), delay(2_000)]);
      const exitCode = timedOut ? null : (exit.code ?? 128 + (exit.signal ? (constants.signals[exit.signal] ?? 9) : 9));
      const stderr = unwrapStderr(asInImage(output.text("stderr"), app).replace(/^[^\n:]*\/timeout: failed to run command/m, "timeout: failed to run command"), exitCode);
      notTheStudents(stderr, app);
      return {
        exitCode,
        timedOut,
        // Over RLIMIT_DATA an allocation fails and python raises MemoryError: the app was stopped by the memory bound.
        oomKilled: !timedOut && exitCode !== 0 && /^MemoryError\b/m.test(stderr.trimEnd().split("\n").at(-1) ?? ""),
        durationMs: Date.now() - started,
        stdout: asInImage(output.text("stdout"), app),
        stderr,
        droppedBytes: output.dropped,
        plots: await readCaptures(inside(app.root, CAPTURE_OUT)),
        ...(req.files?.length ? { files: await readWritten(app.root, req.files) } : {}),
      };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener("abort", onAbort);
    }
  }

  // The sandbox's user must be able to run the venv's python: one under /root (pyenv's) it cannot.
  private canRunAs(uid: number, app: LocalApp): Promise<boolean> {
    let answer = this.runnable.get(app.venv.dir);
    if (!answer) {
      const setpriv = this.local.isolation().then((i) => i.setpriv);
      answer = setpriv.then(async (tool) => {
        if (!tool) return false;
        const result = await execa(tool, [`--reuid=${uid}`, `--regid=${uid}`, "--clear-groups", "--", app.venv.python, "-c", "pass"], { reject: false, timeout: 15_000, cwd: "/", stdin: "ignore" });
        return result.exitCode === 0;
      });
      this.runnable.set(app.venv.dir, answer);
    }
    return answer;
  }
}

// The environment the container gets: the image's (PATH, LANG), the Dockerfile's ENV, then labgrade's capture
// backend, which wins as `docker run -e` does. Nothing of labgrade's own environment reaches the app.
function appEnv(app: LocalApp): NodeJS.ProcessEnv {
  const fromDockerfile = Object.fromEntries(Object.entries(app.env).filter(([name]) => name !== "PATH" && name !== "HOME"));
  return {
    PATH: `${path.join(app.venv.dir, "bin")}:${DEFAULT_PATH}`,
    LANG: "C.UTF-8",
    PYTHON_VERSION: app.python.version,
    HOME: inside(app.root, "/root"),
    TMPDIR: inside(app.root, "/tmp"),
    ...fromDockerfile,
    MPLBACKEND: "module://labgrade_capture",
    PYTHONPATH: inside(app.root, CAPTURE_IN),
    LABGRADE_CAPTURE_DIR: inside(app.root, CAPTURE_OUT),
    PYTHONUNBUFFERED: "1",
    MPLCONFIGDIR: inside(app.root, "/tmp/matplotlib"),
    PYTHONNOUSERSITE: "1",
  };
}

// The app may have left links in its root on an earlier run: every folder here is made with none on its path.
async function prepareRoot(app: LocalApp, uid: number | null): Promise<void> {
  const capture = await imageDir(app.root, CAPTURE_IN, "labgrade");
  for (const file of ["labgrade_capture.py", "sitecustomize.py"]) {
    await rm(path.join(capture, file), { recursive: true, force: true });
    await copyFile(path.join(CAPTURE_SRC, file), path.join(capture, file));
  }
  await imageDir(app.root, "/root", "labgrade");
  await chmod(await imageDir(app.root, "/tmp", "labgrade"), 0o1777);
  if (uid !== null) await chownTree(app.root, uid);
}

async function chownTree(dir: string, uid: number): Promise<void> {
  await chown(dir, uid, uid);
  for (const entry of await readdir(dir, { recursive: true })) {
    const file = path.join(dir, entry);
    const info = await lstat(file);
    if (!info.isSymbolicLink()) await chown(file, uid, uid);
  }
}

// The image's paths in the command, as paths under the folder that stands in for `/`: `/app/app.py` is the app's
// copy, `/usr/local/bin/python` the venv's python. Paths outside what the image's root holds (`/bin/sh`) stay.
export function mapCommand(argv: readonly string[], app: Pick<LocalApp, "root" | "venv">, topLevels: ReadonlySet<string>): string[] {
  const map = (word: string): string => {
    const python = IMAGE_PYTHON.exec(word)?.[1];
    if (python) return path.join(app.venv.dir, "bin", python);
    const first = word.split("/")[1];
    return word.startsWith("/") && first && topLevels.has(first) ? inside(app.root, word) : word;
  };
  if (argv[0] === "/bin/sh" && argv[1] === "-c" && argv.length === 3) {
    return ["/bin/sh", "-c", argv[2]!.replace(/(^|[\s=:'"])(\/[^\s'";|&<>()]+)/g, (_, before: string, word: string) => before + map(word))];
  }
  return argv.map((word, i) => (i === 0 || word.startsWith("/") ? map(word) : word));
}

// The app's own paths as the image has them: a traceback says `/app/app.py`, and the venv is python's `/usr/local`.
function asInImage(text: string, app: Pick<LocalApp, "root" | "venv">): string {
  return text.replaceAll(app.venv.dir, "/usr/local").replaceAll(app.root, "");
}

async function topLevel(root: string): Promise<Set<string>> {
  return new Set(await readdir(root).catch(() => [] as string[]));
}

// The wheel cache's compiled libraries that do not load here (a library of the distribution they came from is
// missing) are labgrade's problem: the app would fail for something no Dockerfile can fix.
function notTheStudents(stderr: string, app: LocalApp): void {
  const missing = /([\w.+-]+\.so(?:\.[\d.]+)?): cannot open shared object file/.exec(stderr);
  if (!missing) return;
  throw new HarnessError(
    "TOOL_MISSING",
    `A package from labgrade's wheel cache does not load with ${app.python.executable}: ${missing[1]} is missing on this machine. This is not the student's mistake.`,
    "Make the wheel cache on this machine again (`npx labgrade wheels --force`), or install the libraries its wheels were built against (`apt-get install -y python3-numpy python3-matplotlib` brings Debian's).",
  );
}

// The files a lab's run steps read, where the app's image paths are laid out (what it wrote relative to its
// WORKDIR lands there), read with no link followed; null when missing or over the bound, as in a container.
async function readWritten(root: string, files: readonly string[]): Promise<Record<string, string | null>> {
  const read = async (file: string) => {
    const text = await readImageFile(root, file).catch(() => null);
    return text !== null && Buffer.byteLength(text) <= MAX_WRITTEN_FILE_BYTES ? text : null;
  };
  return Object.fromEntries(await Promise.all(files.map(async (file) => [file, await read(file)] as const)));
}

async function readCaptures(dir: string): Promise<PlotCapture[]> {
  // The app owns this folder: a link there (to the folder or to a file in it) is not followed.
  if (!(await lstat(dir).catch(() => null))?.isDirectory()) return [];
  let budget = MAX_CAPTURE_BYTES;
  const read = async (file: string): Promise<Buffer | null> => {
    const info = await lstat(path.join(dir, file)).catch(() => null);
    if (!info?.isFile() || info.size > budget) return null;
    budget -= info.size;
    return readFile(path.join(dir, file)).catch(() => null);
  };
  const json = (await read("captures.json"))?.toString("utf8");
  if (!json) return [];
  // Only the PNGs that captures.json names, and only names the backend gives (parseCaptures checks them).
  const wanted = new Set<string>();
  parseCaptures(json, (file) => (wanted.add(file), null));
  const pngs = new Map<string, string>();
  for (const file of wanted) {
    const data = await read(file);
    if (data) pngs.set(file, data.toString("base64"));
  }
  return parseCaptures(json, (file) => pngs.get(file) ?? null);
}

function refused(stderr: string, exitCode: number): RunResult {
  return { exitCode, timedOut: false, oomKilled: false, durationMs: 0, stdout: "", stderr, droppedBytes: 0, plots: [] };
}

function closed(child: ReturnType<typeof spawn>): Promise<void> {
  return new Promise((resolve) => {
    if (child.stdout?.closed !== false && child.stderr?.closed !== false) return resolve();
    child.once("close", () => resolve());
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
