import { constants } from "node:fs";
import { open, readdir, realpath, rm, type FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Budget } from "./budget.ts";
import { Destination } from "./destination.ts";
import type { ExtractResult } from "./extract-zip.ts";
import { folderOverBudget } from "./refusals.ts";
import { SourceFailed, writeLimited } from "./write-limited.ts";

export interface CopyOptions {
  /** Paths relative to the source, "/"-separated; a skipped folder is not entered. Default: skipGitFolders. */
  skip?: (relPath: string) => boolean;
  signal?: AbortSignal;
}

// A repository's history is not the hand-in, and can be far larger than it.
export function skipGitFolders(relPath: string): boolean {
  return path.posix.basename(relPath) === ".git";
}

// O_NOFOLLOW: a file swapped for a link after it was listed is not read through. O_NONBLOCK: one swapped
// for a FIFO does not hang the open; fstat then shows it is no regular file.
const READ_SOURCE = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

// Copies a folder hand-in under the same budget as its archives: regular files (mode 0644) and folders
// only. Links are neither followed nor made (each is reported); sockets, FIFOs and devices are left out.
// The source folder itself may be reached through a link; nothing below it is.
export async function copyFolder(src: string, destDir: string, budget: Budget, options: CopyOptions = {}): Promise<ExtractResult> {
  const { skip = skipGitFolders, signal } = options;
  signal?.throwIfAborted();
  const root = await realpath(src);
  const destination = await Destination.open(destDir, (file, relative) => {
    const reason = budget.charge(file, 0);
    if (reason !== null) throw folderOverBudget(relative, reason);
  });
  const result: ExtractResult = { files: 0, bytes: 0, skippedLinks: [] };

  const walk = async (segments: string[]): Promise<void> => {
    const entries = await readdir(path.join(root, ...segments), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      signal?.throwIfAborted();
      const child = [...segments, entry.name];
      const relative = child.join("/");
      if (skip(relative)) continue;
      if (entry.isSymbolicLink()) {
        result.skippedLinks.push(relative);
      } else if (entry.isDirectory()) {
        await destination.folder(child);
        await walk(child);
      } else if (entry.isFile()) {
        const written = await copyFile(root, child, destination, budget, signal);
        if (written === "link") result.skippedLinks.push(relative);
        if (typeof written !== "number") continue;
        result.files += 1;
        result.bytes += written;
      }
    }
  };
  await walk([]);
  return result;
}

// The bytes copied; "link" when the file turned into a link since it was listed; null when it is gone,
// is no longer a regular file, or its name is already taken in the destination.
async function copyFile(
  root: string,
  segments: string[],
  destination: Destination,
  budget: Budget,
  signal: AbortSignal | undefined,
): Promise<number | "link" | null> {
  const source = await openSource(path.join(root, ...segments));
  if (source === null || source === "link") return source;
  try {
    if (!(await source.stat()).isFile()) return null;
    const file = await destination.newFile(segments);
    if (file === null) return null;
    const relative = segments.join("/");
    let complete = false;
    try {
      const written = await writeLimited(
        source.createReadStream({ autoClose: false }),
        file.handle,
        (bytes) => {
          const reason = budget.charge(file.path, bytes);
          if (reason !== null) throw folderOverBudget(relative, reason);
        },
        signal,
      );
      complete = true;
      return written;
    } catch (error) {
      // A read error of the student's folder is the machine's, not a damaged archive's.
      throw error instanceof SourceFailed ? error.error : error;
    } finally {
      await file.handle.close();
      if (!complete) await rm(file.path, { force: true });
    }
  } finally {
    await source.close();
  }
}

async function openSource(file: string): Promise<FileHandle | "link" | null> {
  try {
    return await open(file, READ_SOURCE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return "link";
    // Gone since it was listed, or a name the file system cannot give back (not valid UTF-8).
    if (code === "ENOENT") return null;
    throw error;
  }
}
