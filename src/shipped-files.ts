import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const ENTRY = "bin/labgrade.js";
// A relative path the code loads: an import, or a file or folder beside it (`new URL("./offline/", import.meta.url)`).
const RELATIVE = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)(["'])(\.{1,2}\/[^"'\n]*)\1/g;

let listed: string[] | undefined;

// The files labgrade runs from, relative to its folder: what bin/labgrade.js reaches through its imports, and
// the files and folders inside src/ that code names beside itself (the capture backend, the offline image's
// sources). A list of what to include, so tests and their support never ship and a new asset is never forgotten.
export function shippedFiles(root: string = ROOT): string[] {
  if (root === ROOT && listed) return listed;
  const src = path.join(root, "src") + path.sep;
  const seen = new Set<string>();
  const queue = [path.join(root, ENTRY)];
  seen.add(queue[0]!);
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (/\.(ts|js)$/.test(file)) queue.push(file);
  };
  while (queue.length > 0) {
    const file = queue.pop()!;
    for (const [, , spec] of readFileSync(file, "utf8").matchAll(RELATIVE)) {
      const target = path.resolve(path.dirname(file), spec!);
      if (!existsSync(target)) continue;
      if (statSync(target).isFile()) add(target);
      // A folder of assets beside the code: its files, not its code (code ships when it is imported).
      else if (target.startsWith(src)) for (const inner of filesIn(target).filter((f) => !/\.(ts|js)$/.test(f))) add(inner);
    }
  }
  const files = [...seen].map((f) => path.relative(root, f).split(path.sep).join("/")).sort();
  if (root === ROOT) listed = files;
  return files;
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => path.join(dir, f)).filter((f) => statSync(f).isFile());
}
