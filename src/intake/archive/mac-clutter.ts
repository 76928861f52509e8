import { constants } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";

// What macOS adds to a zip or a copied folder, never the student's work: Finder's __MACOSX/ (resource
// forks), .DS_Store, and AppleDouble "._name" files where a copy lost the resource fork's home. A "._name"
// file is only clutter if it starts with the AppleDouble magic number, so a student's own "._x" survives.
const APPLE_DOUBLE_MAGIC = 0x00051607;

export function isMacClutterFolder(name: string): boolean {
  return name === "__MACOSX";
}

export async function isMacClutterFile(dir: string, name: string): Promise<boolean> {
  if (name === ".DS_Store") return true;
  if (!name.startsWith("._")) return false;
  const handle = await open(path.join(dir, name), constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  try {
    const head = Buffer.alloc(4);
    const { bytesRead } = await handle.read(head, 0, 4, 0);
    return bytesRead === 4 && head.readUInt32BE(0) === APPLE_DOUBLE_MAGIC;
  } finally {
    await handle.close();
  }
}
