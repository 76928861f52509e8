import { lstat, rename } from "node:fs/promises";
import { join } from "node:path";
import { copyFolder, extractZip, type Budget } from "./archive/index.ts";
import { baseName } from "./entry-path.ts";
import { flatFileNames } from "./flat-file-names.ts";
import type { HandIn, Unpacked } from "./hand-in.ts";
import { rejectedInEntry } from "./rejected-in-entry.ts";
import { isZipName } from "./zip-landing.ts";

// Copies a hand-in out of an export folder into `dir`; a top-level entry that is a link is reported, never
// followed. Flat files go through copyFolder too (limited to their names), so they are read as carefully and
// charged to the same budget as everything else, then renamed to the names the student gave them.
export async function materializeFromFolder(exportPath: string, handIn: HandIn, dir: string, budget: Budget, signal?: AbortSignal): Promise<Unpacked> {
  const names = flatFileNames(handIn.lms, handIn.entries);
  const options = signal ? { signal } : {};
  const entries = await Promise.all(handIn.entries.map(async (entry) => ({ entry, stats: await lstat(join(exportPath, entry)) })));
  const links: string[] = [];
  let unzipped = false;
  // Flat files first, while `dir` is empty, so a rename can never take another entry's file.
  const flat = entries.filter(({ entry, stats }) => stats.isFile() && !isZipName(nameOf(names, entry))).map(({ entry }) => entry);
  for (const [parent, files] of byParent(flat)) {
    const wanted = new Set(files.map(baseName));
    const copied = await rejectedInEntry(files.join(" + "), () => copyFolder(join(exportPath, parent), dir, budget, { ...options, skip: (rel) => !wanted.has(rel) }));
    links.push(...copied.skippedLinks);
  }
  for (const entry of flat) await renameIfFree(join(dir, baseName(entry)), join(dir, nameOf(names, entry)));
  for (const { entry, stats } of entries) {
    if (stats.isSymbolicLink()) links.push(entry);
    else if (stats.isDirectory()) links.push(...(await rejectedInEntry(entry, () => copyFolder(join(exportPath, entry), dir, budget, options))).skippedLinks);
    else if (stats.isFile() && isZipName(nameOf(names, entry))) {
      links.push(...(await rejectedInEntry(entry, () => extractZip(join(exportPath, entry), dir, budget, options))).skippedLinks);
      unzipped = true;
    }
  }
  return { links, unzipped, flatFiles: flat.map((entry) => ({ entry, path: nameOf(names, entry) })) };
}

function nameOf(names: ReadonlyMap<string, string>, entry: string): string {
  return names.get(entry) ?? baseName(entry);
}

function byParent(entries: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const entry of entries) {
    const parent = entry.includes("/") ? entry.slice(0, entry.lastIndexOf("/")) : "";
    groups.set(parent, [...(groups.get(parent) ?? []), entry]);
  }
  return groups;
}

async function renameIfFree(from: string, to: string): Promise<void> {
  if (from === to) return;
  const [source, target] = await Promise.all([lstat(from).catch(() => null), lstat(to).catch(() => null)]);
  if (source?.isFile() && target === null) await rename(from, to);
}
