import { copyFile, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { HarnessError } from "../../errors.ts";
import { withLock } from "../../lock/index.ts";
import { probePython, type PythonFacts } from "./python-interpreter.ts";
import { readWheelCache, type WheelCache, type WheelManifest, WHEELS_MANIFEST, WHEELS_SCHEMA, type WheelSource } from "./wheel-cache.ts";

const PACK_SYSTEM = fileURLToPath(new URL("./pack-system-wheels.py", import.meta.url));
const MAKE_WHEELS = fileURLToPath(new URL("../../images/offline/make-wheels.py", import.meta.url));
const LAB_PACKAGES = ["numpy", "matplotlib"];
/** Cheapest first, and closest to what the engine path installs: the offline image's own wheels. */
const AUTO: readonly WheelSource[] = ["image", "system", "registry"];

export interface PrepareWheelsOptions {
  dir: string;
  /** The python the cache is made and checked for; the local builder then uses this one. */
  python: string;
  from: WheelSource | "auto";
  /** Make it again even when a cache for this python is there. */
  force?: boolean;
  /** The wheels of `--from folder` (a cache made elsewhere, such as one shipped in the Gradescope zip). */
  folder?: string;
  /** Copies the offline python image's wheels into a folder and says from where; absent without an engine. */
  fromImage?: (dest: string) => Promise<string>;
  log?: (line: string) => void;
  timeoutMs?: number;
}

export interface PrepareWheelsResult {
  cache: WheelCache;
  reused: boolean;
  /** The sources tried before the one that worked, and why each did not. */
  tried: Array<{ source: WheelSource; problem: string }>;
}

// Makes the wheel cache that grading without an engine installs the Dockerfile's pip packages from, and checks
// it the way it will be used: a fresh venv of this python installs numpy and matplotlib from it with no index,
// imports them and draws a figure. Wheels whose compiled modules need another python, or libraries this
// machine lacks, fail that check and are not kept.
// Under the cache's lock: two `labgrade wheels` (or two Gradescope setups) at once make it once, and the
// second finds the first's.
export async function prepareWheels(options: PrepareWheelsOptions): Promise<PrepareWheelsResult> {
  await mkdir(path.dirname(options.dir), { recursive: true });
  return withLock(`${options.dir}.lock`, { command: "labgrade wheels", guards: options.dir, wait: true, ...(options.log ? { onNote: options.log } : {}) }, () => prepareLocked(options));
}

async function prepareLocked(options: PrepareWheelsOptions): Promise<PrepareWheelsResult> {
  const log = options.log ?? (() => undefined);
  const python = await probePython(options.python);
  const existing = await readWheelCache(options.dir);
  const wanted = (source: WheelSource) => options.from === "auto" || options.from === source;
  if (existing && !options.force && sameInterpreter(existing.manifest.python, python) && wanted(existing.manifest.source)) {
    return { cache: existing, reused: true, tried: [] };
  }
  const tried: PrepareWheelsResult["tried"] = [];
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  await mkdir(path.dirname(options.dir), { recursive: true });
  for (const source of options.from === "auto" ? AUTO : [options.from]) {
    const staging = await mkdtemp(path.join(path.dirname(options.dir), ".labgrade-wheels-"));
    try {
      log(`${source}: gathering numpy, matplotlib and their dependencies…`);
      const origin = await gather(source, staging, python, options, timeoutMs);
      const built = await compiledFor(python, staging);
      const foreign = built.filter((tag) => tag !== python.cacheTag);
      if (foreign.length > 0) throw new Error(`their compiled modules were built for ${foreign.join(", ")}, and this python (${python.version}) is ${python.cacheTag}`);
      log(`${source}: checking them in a fresh venv of ${python.executable}…`);
      const versions = await check(python, staging, timeoutMs);
      const manifest: WheelManifest = { schema: WHEELS_SCHEMA, source, origin, madeAt: new Date().toISOString(), python, versions, wheels: await listWheels(staging) };
      await writeFile(path.join(staging, WHEELS_MANIFEST), JSON.stringify(manifest, null, 2) + "\n");
      // Swapped in with two renames, never emptied in place: a grade reading the old cache meanwhile
      // finds either whole cache, not a half-removed one.
      const old = `${options.dir}.old-${path.basename(staging)}`;
      await rename(options.dir, old).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
      await rename(staging, options.dir);
      await rm(old, { recursive: true, force: true });
      const cache = await readWheelCache(options.dir);
      if (!cache) throw new Error(`the cache written to ${options.dir} cannot be read back`);
      return { cache, reused: false, tried };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      log(`${source}: ${problem}`);
      tried.push({ source, problem });
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  throw new HarnessError(
    "TOOL_MISSING",
    `labgrade could not make a wheel cache for python ${python.version} (${python.executable}):\n${tried.map((t) => `- ${t.source}: ${t.problem}`).join("\n")}`,
    "On Debian/Ubuntu: `apt-get install -y python3-venv python3-numpy python3-matplotlib`, then `npx labgrade wheels --from system`. With a package index: `npx labgrade wheels --from registry`.",
  );
}

async function gather(source: WheelSource, dest: string, python: PythonFacts, options: PrepareWheelsOptions, timeoutMs: number): Promise<string> {
  if (source === "folder") {
    if (!options.folder) throw new Error("no folder was named (--folder)");
    const wheels = (await readdir(options.folder).catch(() => [] as string[])).filter((f) => f.endsWith(".whl"));
    if (wheels.length === 0) throw new Error(`${options.folder} holds no wheels`);
    for (const file of wheels) await copyFile(path.join(options.folder, file), path.join(dest, file));
    return path.resolve(options.folder);
  }
  if (source === "image") {
    if (!options.fromImage) throw new Error("no Docker engine answered, so the offline python image's wheels cannot be copied");
    return options.fromImage(dest);
  }
  const venv = await scratchVenv(python);
  try {
    if (source === "registry") {
      // pip as the machine has it set up (its index, its proxy): the ordinary client, asked for two packages.
      const result = await execa(venv.python, ["-m", "pip", "download", "--only-binary=:all:", "--disable-pip-version-check", "--no-input", "--dest", dest, ...LAB_PACKAGES], { reject: false, all: true, timeout: timeoutMs });
      if (result.exitCode !== 0) throw new Error(`pip download failed: ${tail(result.all)}`);
      return "pip download (pip's configured index)";
    }
    const dist = await execa(python.executable, ["-c", "import os, numpy, matplotlib; print(os.path.dirname(os.path.dirname(numpy.__file__)))"], { reject: false, all: true, timeout: 60_000, env: { PATH: process.env.PATH }, extendEnv: false });
    if (dist.exitCode !== 0) throw new Error(`numpy and matplotlib are not installed for ${python.executable} (on Debian/Ubuntu: \`apt-get install -y python3-numpy python3-matplotlib\`)`);
    const distPackages = dist.stdout.trim();
    // The packing needs pip's vendored `packaging`, which the scratch venv has and a bare python3 may not.
    const packed = await execa(venv.python, [PACK_SYSTEM, MAKE_WHEELS, distPackages, dest], { reject: false, all: true, timeout: timeoutMs });
    if (packed.exitCode !== 0) throw new Error(`packing ${distPackages} failed: ${tail(packed.all)}`);
    return distPackages;
  } finally {
    await venv.dispose();
  }
}

// numpy and matplotlib from these wheels only, in a venv of this python, imported and drawing with Agg.
async function check(python: PythonFacts, wheels: string, timeoutMs: number): Promise<Record<string, string>> {
  const venv = await scratchVenv(python);
  try {
    const env = { PATH: process.env.PATH, HOME: venv.dir, PIP_CONFIG_FILE: os.devNull, PYTHONNOUSERSITE: "1", MPLBACKEND: "Agg", MPLCONFIGDIR: path.join(venv.dir, "mpl") };
    const install = await execa(venv.python, ["-m", "pip", "install", "--no-index", "--find-links", wheels, "--disable-pip-version-check", "--no-input", "--no-cache-dir", ...LAB_PACKAGES], { reject: false, all: true, timeout: timeoutMs, env, extendEnv: false });
    if (install.exitCode !== 0) throw new Error(`pip could not install numpy and matplotlib from them: ${tail(install.all)}`);
    const probe = "import io, json, numpy, matplotlib; import matplotlib.pyplot as plt; plt.plot(numpy.arange(3), numpy.arange(3) ** 2); plt.savefig(io.BytesIO(), format='png'); print(json.dumps({'numpy': numpy.__version__, 'matplotlib': matplotlib.__version__}))";
    const run = await execa(venv.python, ["-c", probe], { reject: false, all: true, timeout: 120_000, env, extendEnv: false, cwd: venv.dir });
    if (run.exitCode !== 0) {
      const missing = /([\w.+-]+\.so(?:\.[\d.]+)?): cannot open shared object file/.exec(run.all ?? "")?.[1];
      if (missing) throw new Error(`they install but do not load: ${missing} is missing on this machine, since their compiled modules were built against another system's libraries (the offline image's are Debian's python3-numpy and python3-matplotlib; installing those with apt brings the libraries)`);
      throw new Error(`they install but numpy and matplotlib do not work: ${tail(run.all)}`);
    }
    return JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, string>;
  } finally {
    await venv.dispose();
  }
}

// The python tags (`cpython-311`) the wheels' compiled modules were built for, read with the python's own zipfile.
async function compiledFor(python: PythonFacts, dir: string): Promise<string[]> {
  const script = "import glob, json, os, re, sys, zipfile; tags = set(); [tags.update(m.group(1) for n in zipfile.ZipFile(w).namelist() for m in [re.search(r'\\.(cpython-3\\d+)[-.]', n)] if m) for w in glob.glob(os.path.join(sys.argv[1], '*.whl'))]; print(json.dumps(sorted(tags)))";
  const result = await execa(python.executable, ["-I", "-c", script, dir], { reject: false, timeout: 60_000 });
  if (result.exitCode !== 0) throw new Error(`the wheels could not be read: ${tail(result.stderr)}`);
  return JSON.parse(result.stdout) as string[];
}

async function scratchVenv(python: PythonFacts): Promise<{ dir: string; python: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-wheels-venv-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const made = await execa(python.executable, ["-m", "venv", dir], { reject: false, all: true, timeout: 120_000 });
  if (made.exitCode !== 0) {
    await dispose();
    throw new HarnessError("TOOL_MISSING", `\`${python.executable} -m venv\` failed: ${tail(made.all)}`, "Install python's venv module: `apt-get install -y python3-venv`.");
  }
  return { dir, python: path.join(dir, "bin", "python"), dispose };
}

async function listWheels(dir: string): Promise<WheelManifest["wheels"]> {
  const names = (await readdir(dir)).filter((f) => f.endsWith(".whl")).sort();
  return Promise.all(names.map(async (file) => ({ file, bytes: (await stat(path.join(dir, file))).size })));
}

function sameInterpreter(a: PythonFacts, b: PythonFacts): boolean {
  return a.executable === b.executable && a.version === b.version && a.cacheTag === b.cacheTag && a.platform === b.platform;
}

const tail = (text: string | undefined) => (text ?? "").trim().split("\n").slice(-3).join(" | ") || "no output";
