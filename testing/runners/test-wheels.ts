import os from "node:os";
import path from "node:path";
import { defaultPython, probePython } from "../../src/runners/local/python-interpreter.ts";
import { prepareWheels } from "../../src/runners/local/prepare-wheels.ts";
import { readWheelCache, wheelCacheDir } from "../../src/runners/local/wheel-cache.ts";

// The wheel cache the local runner's tests install from: the machine's own (`labgrade wheels`) when it was made
// for this python, else one these tests make once and keep in the temp folder (from the distribution's
// python3-numpy/matplotlib, else pip's index), so a test run never depends on an engine.
export async function testWheelCache(): Promise<string> {
  const python = await probePython(defaultPython());
  for (const dir of [wheelCacheDir(), path.join(os.tmpdir(), "labgrade-test-wheels")]) {
    const cache = await readWheelCache(dir);
    if (cache && cache.manifest.python.executable === python.executable && cache.manifest.python.version === python.version) return dir;
  }
  const dir = path.join(os.tmpdir(), "labgrade-test-wheels");
  await prepareWheels({ dir, python: python.executable, from: "auto" });
  return dir;
}
