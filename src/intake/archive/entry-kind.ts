import type { Entry } from "yauzl";

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

// Unix zip tools store the file's st_mode in the high 16 bits of the external attributes. A link's target
// is its content; creating it would let a later entry write through it, so links are never made.
// Checked whatever the "made by" host says: skipping a file that merely looks like a link is the safe mistake.
export function isLinkEntry(entry: Entry): boolean {
  return ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;
}

// Directory entries end in "/" (after backslashes are read as slashes).
export function isFolderName(slashName: string): boolean {
  return slashName.endsWith("/");
}
