import { createHash } from "node:crypto";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execa } from "execa";
import { cancelled, HarnessError } from "../../errors.ts";
import { BUILD_DIR_PREFIX } from "../build-context.ts";
import { type InstallSet, namedRequirements } from "./named-requirements.ts";
import type { PythonFacts } from "./python-interpreter.ts";
import type { WheelCache } from "./wheel-cache.ts";


export interface VenvRequest {
  python: PythonFacts;
  wheels: WheelCache | null;
  install: InstallSet;
  /** When the build must be over (Date.now() clock). */
  deadline: number;
  signal?: AbortSignal;
}

export type VenvOutcome = { ok: true; dir: string; python: string; log: string } | { ok: false; log: string; error: string; timedOut?: boolean };

const MAX_LOG = 64 * 1024;

// Fresh virtual environments (no system site-packages), one per python, wheel cache and install set, made at
// most once however many grades ask: a class that hands in the handout's Dockerfile installs numpy once.
// A failed pip install is the Dockerfile's and is kept; a harness failure or an overlong one is not.
export class VenvCache {
  private readonly entries = new Map<string, Promise<VenvOutcome>>();
  private root: Promise<string> | undefined;

  constructor(private readonly tmp: string = os.tmpdir()) {}

  get(request: VenvRequest): Promise<VenvOutcome> {
    const key = venvKey(request);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = this.make(key, request).then(
        (outcome) => {
          if (!outcome.ok && outcome.timedOut) this.entries.delete(key);
          return outcome;
        },
        (error: unknown) => {
          this.entries.delete(key);
          throw error;
        },
      );
      this.entries.set(key, entry);
    }
    return entry;
  }

  async dispose(): Promise<void> {
    const root = await this.root?.catch(() => null);
    this.entries.clear();
    this.root = undefined;
    if (root) await rm(root, { recursive: true, force: true });
  }

  private async make(key: string, request: VenvRequest): Promise<VenvOutcome> {
    // Readable by the sandbox's own user (see isolation.ts), which never gets to write here.
    this.root ??= mkdtemp(path.join(this.tmp, `${BUILD_DIR_PREFIX}${process.pid}-venvs-`)).then(async (dir) => (await chmod(dir, 0o755), dir));
    const dir = path.join(await this.root, key.slice(0, 16));
    await rm(dir, { recursive: true, force: true });
    const named = namedRequirements(request.install);
    if (!named.ok) return { ok: false, log: `ERROR: ${named.error}\n`, error: named.error };
    const log: string[] = [];
    const created = await this.step(request, [request.python.executable, ["-m", "venv", dir]], log);
    if (created.timedOut) return overtime(request, log);
    if (created.exitCode !== 0) {
      const why = lastLine(created.output);
      throw new HarnessError("TOOL_MISSING", `\`${request.python.executable} -m venv\` failed (${why}), so the app cannot be built without an engine.`, "Install python's venv module: `apt-get install -y python3-venv` (Debian/Ubuntu).");
    }
    const python = path.join(dir, "bin", "python");
    const { install } = request;
    if (named.specs.length === 0) return { ok: true, dir, python, log: "" };
    if (!request.wheels) {
      throw new HarnessError(
        "TOOL_MISSING",
        `The Dockerfile installs ${describe(install)} with pip; without an engine labgrade installs them from its wheel cache, and none has been prepared on this machine.`,
        "Run `npx labgrade wheels` once (it copies them from the offline python image, a package index, or the distribution's python3-numpy and python3-matplotlib), then grade again.",
      );
    }
    // Only plain names reach pip, from the wheel cache only: never a URL, a path, an option or an sdist to build.
    const pip = ["-m", "pip", "install", "--no-index", "--only-binary=:all:", "--find-links", request.wheels.dir, "--disable-pip-version-check", "--no-input", "--no-cache-dir", "--progress-bar", "off", ...named.specs];
    const installed = await this.step(request, [python, pip], log, dir);
    if (installed.timedOut) return overtime(request, log);
    if (installed.exitCode !== 0) {
      return { ok: false, log: clip(log.join("")), error: `The command '/bin/sh -c ${install.command ?? "pip install"}' returned a non-zero code: ${installed.exitCode ?? 1}` };
    }
    return { ok: true, dir, python, log: clip(log.join("")) };
  }

  // Run in `cwd` (the venv's own folder for pip), so a name is never read as a file of labgrade's working folder.
  private async step(request: VenvRequest, [file, args]: [string, string[]], log: string[], cwd: string = os.tmpdir()): Promise<{ exitCode: number | undefined; timedOut: boolean; output: string }> {
    const timeout = Math.max(1, request.deadline - Date.now());
    // pip's own configuration (a machine's index, find-links, constraints) must not change what is installed.
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: os.tmpdir(), LANG: "C.UTF-8", PIP_CONFIG_FILE: os.devNull, PYTHONNOUSERSITE: "1" };
    const result = await execa(file, args, { cwd, reject: false, all: true, timeout, killSignal: "SIGKILL", env, extendEnv: false, ...(request.signal ? { cancelSignal: request.signal } : {}) });
    if (request.signal?.aborted) throw cancelled(request.signal);
    const output = typeof result.all === "string" ? result.all : "";
    log.push(output.endsWith("\n") || output === "" ? output : `${output}\n`);
    return { exitCode: result.exitCode, timedOut: Boolean(result.timedOut), output };
  }
}

// Whatever decides what the venv holds: the python, the wheels, the install set.
function venvKey(request: Pick<VenvRequest, "python" | "wheels" | "install">): string {
  const { python, wheels, install } = request;
  return createHash("sha256").update(JSON.stringify({ python: [python.executable, python.version], wheels: wheels?.digest ?? null, packages: install.packages, requirements: install.requirements })).digest("hex");
}

function overtime(request: VenvRequest, log: string[]): VenvOutcome {
  return { ok: false, timedOut: true, log: clip(log.join("")), error: `The build did not finish in time and was stopped (while making the python environment for ${describe(request.install)}).` };
}

function describe(install: InstallSet): string {
  const named = [...install.packages, ...install.requirements.map((r) => `-r ${r.name}`)];
  return named.length > 0 ? named.join(" ") : "nothing";
}

const lastLine = (text: string) => text.trim().split("\n").at(-1) || "no output";
const clip = (text: string) => (text.length > MAX_LOG ? text.slice(-MAX_LOG) : text);
