import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { byPath, type ExportTree } from "./export-tree.ts";

// A symlink is listed as a file, never followed: materialize skips it and says so.
export function folderTree(root: string): ExportTree {
  return {
    async children(dir) {
      const dirents = await readdir(join(root, dir), { withFileTypes: true });
      return dirents.map((d) => ({ path: dir === "" ? d.name : `${dir}/${d.name}`, dir: d.isDirectory() })).sort(byPath);
    },
    readText: (path) => readFile(join(root, path), "utf8"),
  };
}
