import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HANDOUT_FILES } from "../lab/handout.ts";
import { contextDigest } from "../runners/context-digest.ts";

let digest: Promise<string> | undefined;

// The build-context digest of the handout's app, computed the way a student's is.
export function handoutDigest(): Promise<string> {
  return (digest ??= (async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-handout-"));
    try {
      for (const [name, text] of Object.entries(HANDOUT_FILES)) await writeFile(path.join(dir, name), text);
      return await contextDigest(dir, "Dockerfile");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  })());
}
