import { randomUUID } from "node:crypto";
import { lstat, readdir, realpath, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Budget } from "./budget.ts";
import { extractZip, type ExtractResult } from "./extract-zip.ts";
import { isMacClutterFile, isMacClutterFolder } from "./mac-clutter.ts";
import { nestedTooDeep } from "./refusals.ts";

/** skippedLinks name each link under its zip, as if the zip were a folder: "lab.zip/lab/venv/bin/python". */
export interface ExpandResult extends ExtractResult {
  /** The zips expanded, where each was found relative to the folder given ("lab.zip", "lab/data.zip"). */
  archives: string[];
}

const ZIP_NAME = /^.+\.zip$/i;

// Expands every zip inside `dir` (a student's hand-in after intake), then the zips those held, up to
// budget.limits.maxDepth zips deep (`depth` says how many zips deep `dir` already is). A zip that is alone
// in its folder is unpacked into that folder (a student's upload of lab.zip holding lab/app.py becomes
// lab/app.py), others into a new sibling folder named after the zip; each zip is removed once unpacked.
// macOS clutter is dropped first, so __MACOSX/._lab.zip is never taken for a zip. Links are never followed.
export async function expandNestedZips(dir: string, budget: Budget, depth = 0, options: { signal?: AbortSignal } = {}): Promise<ExpandResult> {
  const root = await realpath(dir);
  const result: ExpandResult = { archives: [], files: 0, bytes: 0, skippedLinks: [] };
  await expandLevel(root, root, budget, depth, options.signal, result);
  return result;
}

async function expandLevel(root: string, dir: string, budget: Budget, depth: number, signal: AbortSignal | undefined, result: ExpandResult): Promise<void> {
  const zips = await sweep(dir);
  const first = zips[0];
  if (first === undefined) return;
  if (depth >= budget.limits.maxDepth) throw nestedTooDeep(shown(root, first), budget.limits.maxDepth);
  for (const zip of zips) {
    signal?.throwIfAborted();
    const folder = path.dirname(zip);
    const alone = (await readdir(folder)).length === 1;
    const target = alone ? folder : await freeSibling(zip);
    // Unpacking in place: move the zip out of the way of its own entries (lab.zip may hold a lab.zip).
    const source = alone ? path.join(folder, `.labgrade-unzipping-${randomUUID()}.zip`) : zip;
    if (alone) await rename(zip, source);
    let extracted: ExtractResult;
    try {
      extracted = await extractZip(source, target, budget, { signal });
    } catch (error) {
      if (alone) await rename(source, zip).catch(() => undefined);
      throw error;
    }
    await rm(source, { force: true });
    const name = shown(root, zip);
    result.archives.push(name);
    result.files += extracted.files;
    result.bytes += extracted.bytes;
    result.skippedLinks.push(...extracted.skippedLinks.map((link) => `${name}/${link}`));
    await expandLevel(root, target, budget, depth + 1, signal, result);
  }
}

// Drops macOS clutter below `dir` and returns the zips found there, in a stable order.
async function sweep(dir: string): Promise<string[]> {
  const zips: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (isMacClutterFolder(entry.name)) await rm(full, { recursive: true, force: true });
      else zips.push(...(await sweep(full)));
    } else if (entry.isFile()) {
      if (await isMacClutterFile(dir, entry.name)) await rm(full, { force: true });
      else if (ZIP_NAME.test(entry.name)) zips.push(full);
    }
  }
  return zips;
}

// "lab.zip" unpacks into "lab", or "lab-2", "lab-3"… when that name is taken.
async function freeSibling(zip: string): Promise<string> {
  const base = zip.slice(0, -".zip".length);
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    try {
      await lstat(candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return candidate;
      throw error;
    }
  }
}

function shown(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}
