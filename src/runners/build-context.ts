import { cp, lstat, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { dockerignoreMatcher } from "../evidence/dockerignore.ts";
import { readInside } from "../evidence/read-inside.ts";
import { rewriteFromPython } from "./rewrite-from.ts";

export interface BuildContext {
  dir: string;
  dockerfile: string;
  dispose: () => Promise<void>;
}

// A temporary copy of the app folder to build from, made as the docker CLI makes its context: the
// .dockerignore applied (and left out, so nothing filters twice), links kept as links but none that leads
// outside the folder, no sockets or pipes; and FROM python pointed at labgrade's private copy.
// The student's folder is never written to.
export async function prepareBuildContext(appDir: string, dockerfileName: string, privatePythonTag: string): Promise<BuildContext> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-build-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const root = await realpath(appDir);
    const ignored = dockerignoreMatcher((await readInside(appDir, ".dockerignore")) ?? "");
    await cp(appDir, dir, { recursive: true, verbatimSymlinks: true, filter: (src) => keep(src, appDir, root, dockerfileName, ignored) });
    const original = await readFile(path.join(appDir, dockerfileName), "utf8");
    await writeFile(path.join(dir, dockerfileName), rewriteFromPython(original, privatePythonTag).text);
    return { dir, dockerfile: dockerfileName, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function keep(src: string, appDir: string, root: string, dockerfile: string, ignored: (p: string) => boolean): Promise<boolean> {
  const rel = path.relative(appDir, src).split(path.sep).join("/");
  if (rel === "") return true;
  if (rel === ".dockerignore" || (rel !== dockerfile && ignored(rel))) return false;
  const stat = await lstat(src);
  if (stat.isSymbolicLink()) {
    const target = await realpath(src).catch(() => null);
    return target !== null && (target === root || target.startsWith(root + path.sep));
  }
  return stat.isFile() || stat.isDirectory();
}
