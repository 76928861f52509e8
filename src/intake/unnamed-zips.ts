import { randomUUID } from "node:crypto";
import { lstat, mkdir, open, rename, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { extractZip, type Budget } from "./archive/index.ts";
import { rejectedInEntry } from "./rejected-in-entry.ts";

// A zip's first bytes: the local file header signature (PKWARE APPNOTE.TXT 4.3.7).
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

// A name with an extension says what the file is (a .docx or a .jar is a zip too, and stays as handed in); a name
// without one ("lab": Canvas and Moodle keep the student's own file name) says nothing, so its bytes decide.
const hasExtension = (name: string): boolean => /.\.[^./]+$/.test(name.slice(name.lastIndexOf("/") + 1));

// Flat files of a hand-in (export entries and where they landed below `dir`) that are zips without the .zip extension, unpacked where they lie as
// a zip handed in under its own name is, under the same budget and limits, then removed. The file's own bytes were
// charged as it landed: such a hand-in reaches its limits by that much sooner, never later.
export async function unpackUnnamedZips(dir: string, files: ReadonlyArray<{ entry: string; path: string }>, budget: Budget, signal?: AbortSignal): Promise<{ links: string[]; unzipped: boolean }> {
  const links: string[] = [];
  let unzipped = false;
  for (const { entry, path: file } of files) {
    const full = join(dir, file);
    if (hasExtension(file) || !(await lstat(full).catch(() => null))?.isFile() || !(await startsLikeZip(full))) continue;
    // Out of the way of its own entries (a zip named "lab" may hold lab/), under its own name, which a refusal quotes.
    const aside = join(dir, `.labgrade-unzipping-${randomUUID()}`);
    const source = join(aside, basename(file));
    await mkdir(aside);
    await rename(full, source);
    try {
      links.push(...(await rejectedInEntry(entry, () => extractZip(source, dir, budget, signal ? { signal } : {}))).skippedLinks);
    } finally {
      await rm(aside, { recursive: true, force: true });
    }
    unzipped = true;
  }
  return { links, unzipped };
}

async function startsLikeZip(file: string): Promise<boolean> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(ZIP_MAGIC.length);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return bytesRead === head.length && head.equals(ZIP_MAGIC);
  } finally {
    await handle.close();
  }
}
