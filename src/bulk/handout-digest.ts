import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { LabApp } from "../lab/lab.ts";
import { contextDigest } from "../runners/context-digest.ts";

const digests = new Map<string, Promise<string | null>>();

// The build-context digest of the handout's app, computed the way a student's is; null when the lab gives no
// handout files (no hand-in is then the handout's own).
export function handoutDigest(app: Pick<LabApp, "handoutFiles"> | null): Promise<string | null> {
  const files = Object.entries(app?.handoutFiles ?? {});
  if (!files.some(([name]) => name === "Dockerfile")) return Promise.resolve(null);
  const key = JSON.stringify(files);
  let digest = digests.get(key);
  if (!digest) {
    digest = (async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-handout-"));
      try {
        for (const [name, text] of files) await writeFile(path.join(dir, name), text);
        return await contextDigest(dir, "Dockerfile");
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    })();
    digests.set(key, digest);
  }
  return digest;
}
