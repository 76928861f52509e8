import path from "node:path";
import { readArchive } from "./read-archive.ts";

/** What labgrade reads of one file the app wrote: past it, the file is read as absent. */
export const MAX_WRITTEN_FILE_BYTES = 1024 * 1024;

// The files a lab's run steps read, as the app left them: each path copied out of the stopped container as the
// engine's archive (a path anywhere in its filesystem: the WORKDIR, /tmp, a folder the app made), read as text.
// null for a path that is missing, a folder or a link, or larger than the bound.
export async function readWrittenFiles(paths: readonly string[], archiveOf: (file: string) => Promise<NodeJS.ReadableStream>, maxBytes = MAX_WRITTEN_FILE_BYTES): Promise<Record<string, string | null>> {
  const read = async (file: string): Promise<string | null> => {
    try {
      const entries = await readArchive(await archiveOf(file), maxBytes);
      // The archive of a file holds it alone, under its base name; a folder's holds its entries below that name.
      return entries.size === 1 ? (entries.get(path.posix.basename(file))?.toString("utf8") ?? null) : null;
    } catch {
      return null; // no such file (the engine answers 404), or more than the bound
    }
  };
  return Object.fromEntries(await Promise.all(paths.map(async (file) => [file, await read(file)] as const)));
}
