import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { cancelled, type Failure } from "../errors.ts";
import { ArchiveRejected, expandNestedZips, type Budget } from "./archive/index.ts";
import type { ExportKind, HandIn } from "./hand-in.ts";
import { materializeFromFolder } from "./materialize-folder.ts";
import { materializeFromZip } from "./materialize-zip.ts";
import { rejectedInEntry } from "./rejected-in-entry.ts";
import { unpackUnnamedZips } from "./unnamed-zips.ts";

export type Materialized = { ok: true; dir: string; skippedLinks: string[] } | Failure;

// One student's hand-in as a folder: folders copied, flat files under the names the student gave them, zips
// (their own or a flat file; by name, or by their bytes when the name has no extension) unpacked, zips inside
// unpacked too, all charged to the student's one budget.
// A refused archive is the student's to fix, so it is a result and the class goes on; anything else throws.
export async function materialize(
  exportPath: string,
  kind: ExportKind,
  handIn: HandIn,
  destDir: string,
  budget: Budget,
  signal?: AbortSignal,
): Promise<Materialized> {
  const dir = resolve(destDir);
  try {
    if (signal?.aborted) throw cancelled(signal);
    await mkdir(dir, { recursive: true });
    const from = kind === "zip" ? materializeFromZip : materializeFromFolder;
    const { links, unzipped, flatFiles } = await from(exportPath, handIn, dir, budget, signal);
    // A zip handed in without the .zip extension ("lab": the LMS keeps the student's file name) is known by its bytes.
    const unnamed = await unpackUnnamedZips(dir, flatFiles, budget, signal);
    links.push(...unnamed.links);
    // A hand-in that was a zip already holds its contents one zip deep.
    const depth = unzipped || unnamed.unzipped ? 1 : 0;
    const nested = await rejectedInEntry(handIn.entries.join(" + "), () => expandNestedZips(dir, budget, depth, signal ? { signal } : {}));
    return { ok: true, dir, skippedLinks: [...links, ...nested.skippedLinks] };
  } catch (error) {
    // An archive stopped by the signal throws the signal's reason: a cancellation, not the student's zip.
    if (signal?.aborted) throw cancelled(signal);
    if (error instanceof ArchiveRejected) return { ok: false, error: error.message };
    throw error;
  }
}
