import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import path from "node:path";
import { contextFilter } from "./build-context.ts";

type Keep = (fullPath: string) => Promise<boolean> | boolean;

// A digest of what a build of this app folder sees. Two folders with the same digest build the same
// image from the same base.
export async function contextDigest(appDir: string, dockerfile: string): Promise<string> {
  return treeDigest(appDir, await contextFilter(appDir, dockerfile), `dockerfile\0${dockerfile}\0`);
}

// A digest of a folder: each kept path, its kind, exec bit and content, in a stable order (links by
// their target text, never followed).
export async function treeDigest(dir: string, keep: Keep = () => true, salt = ""): Promise<string> {
  const hash = createHash("sha256").update(salt);
  await walk(dir, "", keep, hash);
  return hash.digest("hex");
}

async function walk(root: string, rel: string, keep: Keep, hash: ReturnType<typeof createHash>): Promise<void> {
  const names = (await readdir(path.join(root, rel))).sort();
  for (const name of names) {
    const childRel = rel ? `${rel}/${name}` : name;
    const full = path.join(root, childRel);
    if (!(await keep(full))) continue;
    const stat = await lstat(full);
    if (stat.isDirectory()) {
      hash.update(`d\0${childRel}\0`);
      await walk(root, childRel, keep, hash);
    } else if (stat.isSymbolicLink()) {
      hash.update(`l\0${childRel}\0${await readlink(full)}\0`);
    } else if (stat.isFile()) {
      const content = await readFile(full);
      hash.update(`f\0${childRel}\0${stat.mode & 0o111 ? "x" : "-"}\0${content.length}\0`).update(content);
    }
  }
}
