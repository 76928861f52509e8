import { HarnessError } from "../errors.ts";
import { ArchiveRejected } from "./archive/index.ts";
import { baseName, isLitter } from "./entry-path.ts";
import { exportKind } from "./export-kind.ts";
import type { ExportTree } from "./export-tree.ts";
import { folderTree } from "./folder-tree.ts";
import { GRADESCOPE_METADATA, parseGradescopeMetadata } from "./gradescope-metadata.ts";
import { groupHandIns } from "./group-hand-ins.ts";
import type { ClassListing, TopEntry } from "./hand-in.ts";
import { recogniseEntries } from "./recognise-entries.ts";
import { isWrapperFolder } from "./wrapper-folder.ts";
import { zipTree } from "./zip-tree.ts";

// Who handed in what, read from names alone: nothing is extracted but the Gradescope metadata. An empty
// export is a listing with no submissions; the caller decides how to say so.
export async function listClass(exportPath: string): Promise<ClassListing> {
  const kind = await exportKind(exportPath);
  const tree = kind === "zip" ? await refusedAsBadInput(exportPath, () => zipTree(exportPath)) : folderTree(exportPath);
  const { entries, ignored } = await rootEntries(tree);
  const metadata = entries.find((e) => !e.dir && baseName(e.path) === GRADESCOPE_METADATA);
  const gradescope = metadata ? parseGradescopeMetadata(await refusedAsBadInput(exportPath, () => tree.readText(metadata.path))) : null;
  const candidates = entries.filter((e) => e !== metadata);
  const { submissions, notes } = groupHandIns(recogniseEntries(candidates, gradescope));
  return { kind, submissions, ignored: metadata ? [...ignored, metadata.path] : ignored, notes };
}

// The export's entries, looking inside a lone wrapper folder when it holds the export (see wrapper-folder.ts).
async function rootEntries(tree: ExportTree): Promise<{ entries: TopEntry[]; ignored: string[] }> {
  const top = await tree.children("");
  const visible = top.filter((e) => !isLitter(baseName(e.path)));
  const ignored = top.filter((e) => !visible.includes(e)).map((e) => e.path);
  const lone = visible.length === 1 ? visible[0] : undefined;
  if (!lone?.dir) return { entries: visible, ignored };
  const inside = await tree.children(lone.path);
  if (!isWrapperFolder(inside)) return { entries: visible, ignored };
  const inner = inside.filter((e) => !isLitter(baseName(e.path)));
  return { entries: inner, ignored: [...ignored, ...inside.filter((e) => !inner.includes(e)).map((e) => e.path)] };
}

// The class export itself is the instructor's file: a refused one stops the run, with what to do.
async function refusedAsBadInput<T>(zipPath: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ArchiveRejected)) throw error;
    throw new HarnessError(
      "BAD_INPUT",
      `Expected ${zipPath} to be a readable zip of class submissions; it was refused: ${error.message}`,
      "Download the export from your LMS again; if it keeps failing, unzip it yourself and pass the folder.",
      { cause: error },
    );
  }
}
