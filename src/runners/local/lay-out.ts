import { cp, lstat, mkdir, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { PlanStep } from "./dockerfile-plan.ts";

/** A COPY the engine would refuse, in its words. */
export class CopyRefused extends Error {}

// `root` stands in for the image's `/`; `context` is the build context (the .dockerignore applied). Does what a
// COPY or ADD does to the image's files, as the classic builder does it.
export async function copyStep(context: string, root: string, step: Extract<PlanStep, { kind: "copy" }>): Promise<void> {
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
  const target = inside(root, destination);
  if (matches.length > 1 && !step.destination.endsWith("/")) {
    throw new CopyRefused(`When using ${step.instruction} with more than one source file, the destination must be a directory and end with a /`);
  }
  const intoDir = step.destination.endsWith("/") || matches.length > 1 || (await stat(target).then((s) => s.isDirectory(), () => false));
  for (const match of matches) {
    const source = path.join(context, match);
    if ((await lstat(source)).isDirectory()) {
      await mkdir(target, { recursive: true });
      await cp(source, target, { recursive: true, verbatimSymlinks: true, force: true });
    } else {
      const file = intoDir ? path.join(target, path.posix.basename(match)) : target;
      await mkdir(path.dirname(file), { recursive: true });
      await cp(source, file, { verbatimSymlinks: true, force: true });
    }
  }
}

// A path of the image, as a path under the folder that stands in for its `/`.
export function inside(root: string, imagePath: string): string {
  return path.join(root, path.posix.resolve("/", imagePath));
}

export async function readImageFile(root: string, imagePath: string): Promise<string | null> {
  const file = inside(root, imagePath);
  const info = await lstat(file).catch(() => null);
  return info?.isFile() ? readFile(file, "utf8") : null;
}

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
