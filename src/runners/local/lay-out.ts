import { chmod, copyFile, lstat, mkdir, readdir, readFile, realpath, rm } from "node:fs/promises";
import type { Stats } from "node:fs";
import path from "node:path";
import type { PlanStep } from "../../dockerfile/local-plan.ts";

/** A COPY the engine would refuse, in its words. */
export class CopyRefused extends Error {}

// `root` stands in for the image's `/`; `context` is the build context (the .dockerignore applied). Does what a
// COPY or ADD does to the image's files, as the classic builder does it, but for links: the stand-in root never
// holds one (a link copied to another depth would lead out of it), so a link in the context is copied as its
// target's content when that is a regular file inside the context, and left out otherwise. Returns what was left out.
export async function copyStep(context: string, root: string, step: Extract<PlanStep, { kind: "copy" }>): Promise<string[]> {
  const matches: string[] = [];
  for (const source of step.sources) {
    const relative = path.posix.normalize(source.replace(/^\/+/, "")) || ".";
    if (relative === ".." || relative.startsWith("../")) throw new CopyRefused(`${step.instruction} failed: forbidden path outside the build context: ${source} ()`);
    if (/^[a-z]+:\/\//i.test(source) || source.startsWith("git@")) throw new CopyRefused(`${step.instruction} failed: fetching ${source} needs a network, and labgrade builds with none`);
    const found = /[*?[]/.test(relative) ? await glob(context, relative) : (await exists(path.join(context, relative))) ? [relative] : [];
    if (found.length === 0) {
      throw new CopyRefused(
        /[*?[]/.test(relative)
          ? `${step.instruction} failed: no source files were specified`
          : `${step.instruction} failed: file not found in build context or excluded by .dockerignore: stat ${relative}: file does not exist`,
      );
    }
    matches.push(...found);
  }
  const destination = path.posix.resolve(step.workdir, step.destination);
  if (matches.length > 1 && !step.destination.endsWith("/")) {
    throw new CopyRefused(`When using ${step.instruction} with more than one source file, the destination must be a directory and end with a /`);
  }
  const existing = await imageEntry(root, destination, step.instruction);
  const intoDir = step.destination.endsWith("/") || matches.length > 1 || Boolean(existing?.info?.isDirectory());
  const contextRoot = await realpath(context);
  const left: string[] = [];
  for (const match of matches) {
    const source = await followInContext(contextRoot, path.join(context, match));
    if (!source) {
      left.push(match);
    } else if (source.info.isDirectory()) {
      await copyTree(contextRoot, root, source.file, await imageDir(root, destination, step.instruction), match, left);
    } else {
      const file = intoDir ? path.posix.join(destination, path.posix.basename(match)) : destination;
      await imageDir(root, path.posix.dirname(file), step.instruction);
      await copyRegular(source.file, source.info, await imageTarget(root, file, step.instruction));
    }
  }
  return left;
}

// A path of the image, as a path under the folder that stands in for its `/`. Only for paths labgrade made
// itself: one that the student's files may have shaped goes through imageDir, imageTarget or readImageFile.
export function inside(root: string, imagePath: string): string {
  return path.join(root, path.posix.resolve("/", imagePath));
}

// The image's file, read with no link on its path; null when it is missing or not a regular file.
export async function readImageFile(root: string, imagePath: string): Promise<string | null> {
  const found = await imageEntry(root, imagePath, "read").catch((error: unknown) => {
    if (error instanceof CopyRefused) return null;
    throw error;
  });
  return found?.info?.isFile() ? readFile(found.file, "utf8") : null;
}

// The folder under `root` for the image's `dir`, made where missing (as WORKDIR and COPY make it), each name on
// its way checked with lstat: a link or a file there is refused, never followed.
export async function imageDir(root: string, dir: string, instruction: string): Promise<string> {
  let current = root;
  for (const name of names(dir)) {
    current = path.join(current, name);
    const info = await lstat(current).catch(() => null);
    if (!info) await mkdir(current);
    else if (info.isSymbolicLink()) throw linkRefused(instruction, current, root);
    else if (!info.isDirectory()) throw new CopyRefused(`${instruction} failed: mkdir ${imageName(current, root)}: not a directory`);
  }
  return current;
}

// Where the image's `file` goes, under a folder imageDir made: refused when it is itself a link.
async function imageTarget(root: string, file: string, instruction: string): Promise<{ file: string; info: Stats | null }> {
  const target = path.join(await imageDir(root, path.posix.dirname(path.posix.resolve("/", file)), instruction), path.posix.basename(path.posix.resolve("/", file)));
  const info = await lstat(target).catch(() => null);
  if (info?.isSymbolicLink()) throw linkRefused(instruction, target, root);
  return { file: target, info };
}

// The image's path as it stands, walked without making anything: null when a name on it is missing.
async function imageEntry(root: string, image: string, instruction: string): Promise<{ file: string; info: Stats | null } | null> {
  let current = root;
  let info: Stats | null = null;
  for (const name of names(image)) {
    if (info && !info.isDirectory()) return null;
    current = path.join(current, name);
    info = await lstat(current).catch(() => null);
    if (!info) return { file: current, info: null };
    if (info.isSymbolicLink()) throw linkRefused(instruction, current, root);
  }
  return { file: current, info: info ?? (await lstat(root)) };
}

// A directory of the context, copied name by name into `target` (a folder imageDir made).
async function copyTree(contextRoot: string, root: string, dir: string, target: string, shown: string, left: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const from = path.join(dir, entry.name);
    const to = path.join(target, entry.name);
    const existing = await lstat(to).catch(() => null);
    if (existing?.isSymbolicLink()) throw linkRefused("COPY", to, root);
    if (entry.isDirectory()) {
      if (existing && !existing.isDirectory()) await rm(to, { force: true });
      if (!existing?.isDirectory()) await mkdir(to);
      await copyTree(contextRoot, root, from, to, path.posix.join(shown, entry.name), left);
      continue;
    }
    // A link inside a copied folder is never followed into a folder: only a regular file's content is copied.
    const source = entry.isFile() || entry.isSymbolicLink() ? await followInContext(contextRoot, from) : null;
    if (source?.info.isFile()) await copyRegular(source.file, source.info, { file: to, info: existing });
    else left.push(path.posix.join(shown, entry.name));
  }
}

async function copyRegular(source: string, info: Stats, target: { file: string; info: Stats | null }): Promise<void> {
  if (target.info?.isDirectory()) await rm(target.file, { recursive: true, force: true });
  await copyFile(source, target.file);
  // The file's permissions, never set-user-id: labgrade writes as root.
  await chmod(target.file, info.mode & 0o777);
}

// A context path with its links resolved, when it stays inside the context and is a file or a folder.
async function followInContext(contextRoot: string, file: string): Promise<{ file: string; info: Stats } | null> {
  const real = await realpath(file).catch(() => null);
  if (!real || (real !== contextRoot && !real.startsWith(contextRoot + path.sep))) return null;
  const info = await lstat(real);
  return info.isFile() || info.isDirectory() ? { file: real, info } : null;
}

function linkRefused(instruction: string, file: string, root: string): CopyRefused {
  return new CopyRefused(`${instruction} failed: ${imageName(file, root)} is a link, and labgrade grades without an engine only in a folder with none: it neither makes nor follows links there`);
}

const names = (image: string) => path.posix.resolve("/", image).split("/").filter(Boolean);
const imageName = (file: string, root: string) => `/${path.relative(root, file).split(path.sep).join("/")}`;
const exists = (file: string) => lstat(file).then(() => true, () => false);

// The context's paths that a COPY wildcard matches, segment by segment as Go's filepath.Match reads them.
async function glob(context: string, pattern: string): Promise<string[]> {
  let found = [""];
  for (const segment of pattern.split("/")) {
    const next: string[] = [];
    for (const dir of found) {
      if (!/[*?[]/.test(segment)) {
        if (await exists(path.join(context, dir, segment))) next.push(path.posix.join(dir, segment));
        continue;
      }
      const entries = await readdir(path.join(context, dir)).catch(() => [] as string[]);
      const re = segmentPattern(segment);
      next.push(...entries.filter((e) => re.test(e)).map((e) => path.posix.join(dir, e)));
    }
    found = next;
  }
  return found.sort();
}

function segmentPattern(segment: string): RegExp {
  let source = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const end = segment.indexOf("]", i + 1);
      if (end < 0) source += "\\[";
      else {
        source += `[${segment.slice(i + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}
