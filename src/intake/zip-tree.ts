import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Budget, DEFAULT_LIMITS, extractZip, listZip } from "./archive/index.ts";
import { pathBelow } from "./entry-path.ts";
import { zipChildren, type ExportTree } from "./export-tree.ts";

// Lists the zip's central directory once; nothing is extracted but a file asked for by name.
export async function zipTree(zipPath: string): Promise<ExportTree> {
  const { entries } = await listZip(zipPath);
  return {
    children: async (dir) => zipChildren(entries, dir),
    async readText(path) {
      const scratch = await mkdtemp(join(tmpdir(), "labgrade-intake-"));
      try {
        await extractZip(zipPath, scratch, new Budget(DEFAULT_LIMITS), { select: (name) => (pathBelow(path, name) === "" ? "wanted" : null) });
        return await readFile(join(scratch, "wanted"), "utf8");
      } finally {
        await rm(scratch, { recursive: true, force: true });
      }
    },
  };
}
