import { open, stat } from "node:fs/promises";
import { HarnessError } from "../errors.ts";
import type { ExportKind } from "./hand-in.ts";

const ZIP_MAGIC = ["PK\x03\x04", "PK\x05\x06"];

// A zip is known by its name or by its first bytes: browsers save Canvas exports as `submissions (1).zip`,
// and some LMS proxies drop the extension.
export async function exportKind(path: string): Promise<ExportKind> {
  const found = await stat(path).catch(() => null);
  if (found?.isDirectory()) return "folder";
  if (found?.isFile() && (/\.zip$/i.test(path) || (await startsLikeZip(path)))) return "zip";
  const what = found === null ? "nothing there" : found.isFile() ? "a file that is not a zip" : "something that is neither a folder nor a file";
  throw new HarnessError(
    "BAD_INPUT",
    `Expected a folder or a .zip of class submissions at ${path}; found ${what}.`,
    "Pass the zip your LMS exported (Canvas, Moodle, Gradescope) or the folder it unpacked into: `labgrade bulk path/to/submissions.zip`.",
  );
}

async function startsLikeZip(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && ZIP_MAGIC.includes(buffer.toString("latin1"));
  } finally {
    await handle.close();
  }
}
