import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { PythonFacts } from "./python-interpreter.ts";

export const WHEELS_MANIFEST = "labgrade-wheels.json";
export const WHEELS_SCHEMA = "labgrade.wheels/1";

/** Where the wheels came from: the offline python image, a package index, the distribution's own packages, or a folder (a cache shipped elsewhere). */
export type WheelSource = "image" | "registry" | "system" | "folder";

// What `labgrade wheels` made and checked: the wheels load in a fresh venv of exactly this python.
export interface WheelManifest {
  schema: typeof WHEELS_SCHEMA;
  source: WheelSource;
  /** Where exactly: the image id, the index pip used, the dist-packages folder. */
  origin: string;
  madeAt: string;
  python: PythonFacts;
  /** numpy and matplotlib as the check installed them. */
  versions: Record<string, string>;
  wheels: Array<{ file: string; bytes: number }>;
}

export interface WheelCache {
  dir: string;
  manifest: WheelManifest;
  /** Changes whenever the cache is made again: part of what decides that two apps build the same. */
  digest: string;
}

// LABGRADE_WHEELS, else the user's cache folder (XDG_CACHE_HOME or ~/.cache)/labgrade/wheels.
export function wheelCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  if (env.LABGRADE_WHEELS) return path.resolve(env.LABGRADE_WHEELS);
  return path.join(env.XDG_CACHE_HOME || path.join(home, ".cache"), "labgrade", "wheels");
}

// The cache and its manifest, or null when none was made (or it is not one labgrade made).
export async function readWheelCache(dir: string): Promise<WheelCache | null> {
  const text = await readFile(path.join(dir, WHEELS_MANIFEST), "utf8").catch(() => null);
  if (text === null) return null;
  let manifest: WheelManifest;
  try {
    manifest = JSON.parse(text) as WheelManifest;
  } catch {
    return null;
  }
  if (manifest.schema !== WHEELS_SCHEMA || !manifest.python?.executable) return null;
  return { dir, manifest, digest: createHash("sha256").update(text).digest("hex") };
}
