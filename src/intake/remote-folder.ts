import path from "node:path";
import type { Readable } from "node:stream";
import { cancelled } from "../errors.ts";
import { ArchiveRejected, type Budget, skipGitFolders } from "./archive/index.ts";
import { Destination } from "./archive/destination.ts";
import { folderOverBudget } from "./archive/refusals.ts";
import { writeLimited } from "./archive/write-limited.ts";
import type { Materialized } from "./materialize.ts";

export type RemoteKind = "file" | "folder" | "link" | "other";

/** A folder on another machine, as SFTP shows it: listing does not follow links. */
export interface RemoteFiles {
  /** The kind of `remotePath` itself, following a link (the lab folder may be reached through one); null when absent. */
  kindOf(remotePath: string): Promise<RemoteKind | null>;
  list(remoteDir: string): Promise<Array<{ name: string; kind: RemoteKind }>>;
  read(remotePath: string): Readable;
}

// The student's lab folder fetched from their machine, under the same budget as a hand-in's archives:
// regular files and folders only, links neither followed nor made, .git left out. A folder that is not
// there, or holds more than the limits allow, is the student's to fix (a refusal); a broken connection throws.
export async function fetchRemoteFolder(files: RemoteFiles, remoteRoot: string, destDir: string, budget: Budget, signal?: AbortSignal): Promise<Materialized> {
  const root = homeRelative(remoteRoot);
  const kind = await files.kindOf(root);
  if (kind !== "folder") return { ok: false, error: `expected the lab folder at ${remoteRoot} on the student's machine; found ${kind === null ? "nothing there" : `a ${kind}`}. Put the lab folder (app.py, Dockerfile) there, or correct the roster's folder column, and grade again` };
  const skippedLinks: string[] = [];
  try {
    const destination = await Destination.open(destDir, (file, relative) => {
      const reason = budget.charge(file, 0);
      if (reason !== null) throw folderOverBudget(relative, reason);
    });
    const walk = async (segments: string[]): Promise<void> => {
      const entries = (await files.list(path.posix.join(root, ...segments))).filter((e) => e.name !== "." && e.name !== "..");
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (signal?.aborted) throw cancelled(signal);
        const child = [...segments, entry.name];
        const relative = child.join("/");
        if (entry.name === "" || entry.name.includes("/") || entry.name.includes("\0")) throw new ArchiveRejected("unsafe-name", `the student's machine listed a file named ${JSON.stringify(entry.name)} in ${remoteRoot}, which labgrade will not copy`);
        if (skipGitFolders(relative)) continue;
        if (entry.kind === "link") skippedLinks.push(relative);
        else if (entry.kind === "folder") {
          await destination.folder(child);
          await walk(child);
        } else if (entry.kind === "file") {
          const file = await destination.newFile(child);
          if (file === null) continue;
          try {
            await writeLimited(files.read(path.posix.join(root, ...child)), file.handle, (bytes) => {
              const reason = budget.charge(file.path, bytes);
              if (reason !== null) throw folderOverBudget(relative, reason);
            }, signal);
          } finally {
            await file.handle.close();
          }
        }
      }
    };
    await walk([]);
    return { ok: true, dir: destDir, skippedLinks };
  } catch (error) {
    if (signal?.aborted) throw cancelled(signal);
    if (error instanceof ArchiveRejected) return { ok: false, error: error.message };
    throw error;
  }
}

// SFTP starts relative paths at the login's home: `~/lab` and `lab` are the same folder there.
function homeRelative(remote: string): string {
  if (remote === "~") return ".";
  return remote.startsWith("~/") ? remote.slice(2) || "." : remote;
}
