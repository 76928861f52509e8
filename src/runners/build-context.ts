import { cp, lstat, mkdtemp, readFile, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { dockerignoreMatcher } from "../dockerfile/dockerignore.ts";
import { readInside } from "../evidence/read-inside.ts";
import { type Hoisted, hoistPipInstalls } from "../dockerfile/hoist-pip.ts";
import { rewriteFromPython } from "../dockerfile/rewrite-from.ts";

export interface BuildContext {
  dir: string;
  dockerfile: string;
  /** pip installs built before the COPY steps they followed (see hoist-pip.ts). */
  hoisted: Hoisted[];
  /** The student's line number of a line of the Dockerfile that is built. */
  originalLine: (line: number) => number;
  dispose: () => Promise<void>;
}

const EVIDENCE_FILE = "evidence.json";

/** The prefix of labgrade's temporary build folders; the owner's pid follows, so a later run can sweep a killed one's. */
export const BUILD_DIR_PREFIX = "labgrade-build-";

// Why labgrade does not build from this Dockerfile (null: it does): it must be a file inside the build folder, reached
// through no link, since labgrade reads it and writes its rewritten copy beside the context's (a compose file's
// `dockerfile: ../../etc/x` or a link would have labgrade read or write a file of the machine's).
export async function dockerfileOutsideContext(appDir: string, dockerfileName: string): Promise<string | null> {
  const outside = `the Dockerfile \`${dockerfileName}\` lies outside its build folder: labgrade builds only a Dockerfile inside it. Move it into the folder (or name one there).`;
  if (path.isAbsolute(dockerfileName) || path.normalize(dockerfileName).split(/[\\/]/).includes("..")) return outside;
  const root = await realpath(appDir).catch(() => null);
  const file = await realpath(path.join(appDir, dockerfileName)).catch(() => null);
  if (root === null || file === null) return null;
  const linked = await lstat(path.join(appDir, dockerfileName)).then((st) => st.isSymbolicLink(), () => false);
  if (linked || !file.startsWith(root + path.sep)) return `the Dockerfile \`${dockerfileName}\` is a link: labgrade reads no file of the machine's through a hand-in's link. Put the Dockerfile itself in the folder.`;
  return null;
}

// A temporary copy of the app folder to build from, made as the docker CLI makes its context: the
// .dockerignore applied (and left out, so nothing filters twice), links kept as links but none that leads
// outside the folder, no sockets or pipes; and FROM python pointed at labgrade's private copy.
// The student's folder is never written to.
export async function prepareBuildContext(appDir: string, dockerfileName: string, privatePythonTag: string): Promise<BuildContext> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `${BUILD_DIR_PREFIX}${process.pid}-`));
  const dispose = () => rm(dir, { recursive: true, force: true });
  try {
    const keep = await contextFilter(appDir, dockerfileName);
    await cp(appDir, dir, { recursive: true, verbatimSymlinks: true, filter: keep });
    const original = await readFile(path.join(appDir, dockerfileName), "utf8");
    const { text, hoisted, originalLine } = hoistPipInstalls(rewriteFromPython(original, privatePythonTag).text);
    await writeFile(path.join(dir, dockerfileName), text);
    return { dir, dockerfile: dockerfileName, hoisted, originalLine, dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

// Which paths of the app folder belong to its build context, as the docker CLI decides: one rule for the
// copy that is built and for the digest that says whether two submissions build the same thing.
// evidence.json is labgrade's record of the student's engine, not part of the app: left out, so two
// students who hand in the same app build it once.
export async function contextFilter(appDir: string, dockerfile: string): Promise<(src: string) => Promise<boolean>> {
  const root = await realpath(appDir);
  const ignored = dockerignoreMatcher((await readInside(appDir, ".dockerignore")) ?? "");
  return async (src: string) => {
    const rel = path.relative(appDir, src).split(path.sep).join("/");
    if (rel === "") return true;
    if (rel === ".dockerignore" || rel === EVIDENCE_FILE || (rel !== dockerfile && ignored(rel))) return false;
    const stat = await lstat(src);
    if (stat.isSymbolicLink()) {
      const target = await realpath(src).catch(() => null);
      return target !== null && (target === root || target.startsWith(root + path.sep));
    }
    return stat.isFile() || stat.isDirectory();
  };
}
