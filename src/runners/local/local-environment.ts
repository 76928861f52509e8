import { rm } from "node:fs/promises";
import { HarnessError } from "../../errors.ts";
import { type Isolation, probeIsolation } from "./isolation.ts";
import { defaultPython, minorVersion, probePython, type PythonFacts } from "./python-interpreter.ts";
import { VenvCache } from "./venv-cache.ts";
import { readWheelCache, type WheelCache, wheelCacheDir } from "./wheel-cache.ts";

// An app built without an engine: a folder standing in for the image's `/`, a venv, and what to run.
export interface LocalApp {
  root: string;
  /** Absolute inside the image: where the app runs. */
  workdir: string;
  command: string[];
  /** The Dockerfile's ENV. */
  env: Record<string, string>;
  venv: { dir: string; python: string };
  python: PythonFacts;
}

export interface LocalOptions {
  env?: NodeJS.ProcessEnv;
  /** The wheel cache (default: LABGRADE_WHEELS or ~/.cache/labgrade/wheels). */
  wheelsDir?: string;
  /** The python that stands in for `FROM python` when no wheel cache names one (default: defaultPython). */
  python?: string;
  /** Shared by graders that grade many apps (tests, a class); each grader makes its own otherwise. */
  venvs?: VenvCache;
}

// What the local builder and runner share: the python, the wheel cache, the venvs, the built apps by tag.
export class LocalEnvironment {
  readonly apps = new Map<string, LocalApp>();
  readonly venvs: VenvCache;
  readonly wheelsDir: string;
  /** Whether the last app ran as the sandbox's own user (false when its python is not readable by that user). */
  ranAsOwnUser: boolean | null = null;
  private readonly ownsVenvs: boolean;
  private isolationProbe: Promise<Isolation> | undefined;

  constructor(private readonly options: LocalOptions = {}) {
    const env = options.env ?? process.env;
    this.wheelsDir = options.wheelsDir ?? wheelCacheDir(env);
    this.ownsVenvs = !options.venvs;
    this.venvs = options.venvs ?? new VenvCache();
  }

  // The python and wheels to build with. The wheel cache names the python it was made and checked for; wheels
  // whose compiled modules were built for another python cannot load, which is labgrade's problem, never the
  // student's: it is a HarnessError, and so are a missing cache (when the Dockerfile installs anything) and python.
  async toolchain(needsWheels: boolean): Promise<{ python: PythonFacts; wheels: WheelCache | null }> {
    const wheels = await readWheelCache(this.wheelsDir);
    if (!wheels) return { python: await probePython(this.options.python ?? defaultPython(this.options.env ?? process.env)), wheels: null };
    const made = wheels.manifest.python;
    const python = await probePython(this.options.python ?? made.executable).catch((error: unknown) => {
      if (!needsWheels) return null;
      throw new HarnessError("TOOL_MISSING", `The wheel cache at ${wheels.dir} was made for ${made.executable} (python ${made.version}), which does not run here now: ${(error as Error).message}`, "Run `npx labgrade wheels --force` on this machine, then grade again.");
    });
    if (!python) return { python: await probePython(defaultPython(this.options.env ?? process.env)), wheels: null };
    if (needsWheels && (python.cacheTag !== made.cacheTag || minorVersion(python.version) !== minorVersion(made.version) || python.platform !== made.platform)) {
      throw new HarnessError(
        "TOOL_MISSING",
        `The wheel cache at ${wheels.dir} holds wheels for python ${made.version} (${made.cacheTag}, ${made.platform}); the python here is ${python.version} (${python.cacheTag}, ${python.platform}) at ${python.executable}. Compiled modules such as numpy's load only in the python they were built for, so the app cannot be built here. This is not the student's mistake.`,
        "Run `npx labgrade wheels --force` with this machine's python, then grade again.",
      );
    }
    return { python, wheels };
  }

  isolation(): Promise<Isolation> {
    return (this.isolationProbe ??= probeIsolation());
  }

  async release(tag: string): Promise<void> {
    const app = this.apps.get(tag);
    this.apps.delete(tag);
    if (app) await rm(app.root, { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await Promise.all([...this.apps.keys()].map((tag) => this.release(tag)));
    if (this.ownsVenvs) await this.venvs.dispose();
  }
}
