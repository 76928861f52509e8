import type { TopEntry } from "./hand-in.ts";
import { zipSegments } from "./entry-path.ts";

// An export read the same way whether it is a folder or a zip, so listing and its tests need no branches.
export interface ExportTree {
  /** The entries directly inside `dir` ("" for the root), sorted by path. */
  children(dir: string): Promise<TopEntry[]>;
  /** A small file's text, e.g. the Gradescope metadata. */
  readText(path: string): Promise<string>;
}

// A zip lists paths, not folders: a folder is any first segment that has something below it.
export function zipChildren(entries: ReadonlyArray<{ name: string; dir: boolean }>, dir: string): TopEntry[] {
  const parent = zipSegments(dir);
  const found = new Map<string, boolean>();
  for (const entry of entries) {
    const segments = zipSegments(entry.name);
    if (segments.length <= parent.length || parent.some((s, i) => segments[i] !== s)) continue;
    const name = segments[parent.length] ?? "";
    found.set(name, (found.get(name) ?? false) || entry.dir || segments.length > parent.length + 1);
  }
  return [...found].map(([name, isDir]) => ({ path: [...parent, name].join("/"), dir: isDir })).sort(byPath);
}

export function byPath(a: TopEntry, b: TopEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
