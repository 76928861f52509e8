import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { dockerignoreMatcher } from "./dockerignore.ts";
import { rewriteFromPython } from "./rewrite-from.ts";

export interface BuildContext {
  dir: string;
  dockerfile: string;
  dispose: () => Promise<void>;
}

// A temporary copy of the app folder to build from: .dockerignore applied as the docker CLI applies it,
// and FROM python pointed at labgrade's private copy. The student's folder is never written to.
export async function prepareBuildContext(appDir: string, dockerfileName: string, privatePythonTag: string): Promise<BuildContext> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-build-"));
  const ignored = dockerignoreMatcher(await readFile(path.join(appDir, ".dockerignore"), "utf8").catch(() => ""));
  await cp(appDir, dir, {
    recursive: true,
    filter: (src) => {
      const rel = path.relative(appDir, src).split(path.sep).join("/");
      return rel === "" || rel === dockerfileName || rel === ".dockerignore" || !ignored(rel);
    },
  });
  const original = await readFile(path.join(appDir, dockerfileName), "utf8");
  await writeFile(path.join(dir, dockerfileName), rewriteFromPython(original, privatePythonTag).text);
  return { dir, dockerfile: dockerfileName, dispose: () => rm(dir, { recursive: true, force: true }) };
}
