import { isFolderName, isLinkEntry } from "./entry-kind.ts";
import { slashName, storedName } from "./entry-name.ts";
import { openZip } from "./open-zip.ts";
import { ArchiveRejected } from "./rejected.ts";
import { readingZip } from "./zip-errors.ts";

export interface ZipListEntry {
  /** As stored, with backslashes read as "/"; folders end in "/". Not checked: extractZip refuses unsafe names. */
  name: string;
  dir: boolean;
  /** A symbolic link entry: extractZip skips it. */
  link: boolean;
  /** Uncompressed size as the header declares it. */
  size: number;
}

export interface ZipListing {
  entries: ZipListEntry[];
}

// A class export of a few hundred students holds tens of thousands of entries; a central directory far
// longer than that is an attack on memory, not an export.
const MAX_LISTED_ENTRIES = 200_000;

// The zip's central directory, read without extracting anything. A damaged or truncated zip throws
// ArchiveRejected; a missing or unreadable file throws the system's error.
export async function listZip(zipPath: string, options: { maxEntries?: number } = {}): Promise<ZipListing> {
  const { maxEntries = MAX_LISTED_ENTRIES } = options;
  const zip = await openZip(zipPath);
  try {
    if (zip.entryCount > maxEntries) throw tooManyEntries(zip.entryCount, maxEntries);
    const entries: ZipListEntry[] = [];
    const iterator = zip.eachEntry();
    for (;;) {
      const next = await readingZip(zipPath, iterator.next());
      if (next.done === true) return { entries };
      const name = slashName(storedName(next.value));
      entries.push({ name, dir: isFolderName(name), link: isLinkEntry(next.value), size: next.value.uncompressedSize });
    }
  } finally {
    zip.close();
  }
}

function tooManyEntries(found: number, maxEntries: number): ArchiveRejected {
  return new ArchiveRejected(
    "too-large",
    `the archive lists ${found} entries, more than the ${maxEntries} labgrade reads: zip only the project folder and upload it again`,
  );
}
