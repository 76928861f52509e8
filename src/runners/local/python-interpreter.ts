import { existsSync } from "node:fs";
import { execa } from "execa";
import { HarnessError } from "../../errors.ts";

// The python that stands in for `FROM python` without an engine, as it says of itself.
export interface PythonFacts {
  /** Absolute: sys.executable, past any shim (pyenv's `python3` is a shell script). */
  executable: string;
  version: string;
  /** `cpython-311`: compiled modules built for another one do not load. */
  cacheTag: string;
  /** `linux-x86_64`. */
  platform: string;
}

const PROBE = "import json, platform, sys, sysconfig; print(json.dumps({'executable': sys.executable, 'version': platform.python_version(), 'cacheTag': sys.implementation.cache_tag, 'platform': sysconfig.get_platform()}))";

// LABGRADE_PYTHON, else the distribution's /usr/bin/python3 (readable by every user, and the one apt's
// python3-numpy belongs to), else python3 on PATH.
export function defaultPython(env: NodeJS.ProcessEnv = process.env, exists: (file: string) => boolean = existsSync): string {
  if (env.LABGRADE_PYTHON) return env.LABGRADE_PYTHON;
  return exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

export async function probePython(python: string, timeoutMs = 15_000): Promise<PythonFacts> {
  const result = await execa(python, ["-I", "-c", PROBE], { reject: false, timeout: timeoutMs, env: { PATH: process.env.PATH ?? "/usr/bin:/bin" }, extendEnv: false });
  if (result.exitCode !== 0 || result.failed) {
    const why = result.code === "ENOENT" ? "it is not installed" : (result.stderr || result.shortMessage || "").trim().split("\n").at(-1);
    throw new HarnessError("TOOL_MISSING", `Grading without an engine runs the app with ${python}, which could not be started: ${why}.`, "Install python3 and its venv module (`apt-get install -y python3 python3-venv`), or point LABGRADE_PYTHON at a python 3.");
  }
  return JSON.parse(result.stdout) as PythonFacts;
}

/** `3.11` from `3.11.2`. */
export const minorVersion = (version: string): string => version.split(".").slice(0, 2).join(".");
