import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import yazl from "yazl";

// Exports for the intake tests, built in temp folders: zips with yazl, folders with plain writes.

export type Tree = Record<string, string | Buffer>;

export async function zipBytes(files: Tree): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of Object.entries(files)) {
    if (name.endsWith("/")) zip.addEmptyDirectory(name);
    else zip.addBuffer(Buffer.from(data), name);
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as unknown as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function writeTree(root: string, files: Tree): Promise<string> {
  for (const [name, data] of Object.entries(files)) {
    const path = join(root, name);
    if (name.endsWith("/")) {
      await mkdir(path, { recursive: true });
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  }
  return root;
}

// Every file below `root`, "/"-separated and sorted: what a materialised hand-in holds.
export async function filesBelow(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1).split("\\").join("/"))
    .sort();
}

export async function tempRoot(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), "labgrade-intake-test-"));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
