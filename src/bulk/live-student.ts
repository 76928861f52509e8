import { createHash } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { sftpFiles } from "../docker/ssh/sftp-files.ts";
import type { SshTarget } from "../docker/ssh/ssh-target.ts";
import type { LabMarks } from "../lab/lab.ts";
import type { LiveSshOptions } from "../docker/ssh/with-ssh-engine.ts";
import { cancelled, type Failure, isHarnessError } from "../errors.ts";
import { type ArchiveLimits, Budget } from "../intake/archive/index.ts";
import type { ExportKind, HandIn } from "../intake/hand-in.ts";
import { materialize } from "../intake/materialize.ts";
import { fetchRemoteFolder } from "../intake/remote-folder.ts";
import type { ReadEvidence } from "../pipeline/evidence-source.ts";
import { readOverSsh } from "../pipeline/ssh-evidence.ts";
import type { RosterEntry } from "./roster.ts";

/** `bulk --live`: each roster student's engine is read over SSH, and their app is the export's or their machine's folder. */
export interface LiveClass {
  roster: ReadonlyMap<string, RosterEntry>;
  ssh: LiveSshOptions;
  /** The login when the roster gives none: the grader's own user, as ssh would. */
  defaultUser: string;
}

export type LiveOpened =
  | { ok: true; dir: string; evidence: ReadEvidence; engineDigest: string; addedHostKey: boolean }
  | Failure;

export interface LiveContext {
  exportPath: string;
  kind: ExportKind;
  dest: string;
  limits: ArchiveLimits;
  retries: number;
  signal: AbortSignal;
  onRetry: (attempt: number, reason: string) => void;
  /** The lab's marks: which containers' output is read. */
  marks: LabMarks;
}

// One roster student: the engine read live over SSH (retried like any harness failure, then an error row
// "could not reach HOST: …", never zero points), and the app's folder from the export's hand-in, or from
// `folder` on their machine fetched over the same connection under the hand-in's archive limits.
export async function openLiveStudent(live: LiveClass, entry: RosterEntry, who: HandIn, ctx: LiveContext): Promise<LiveOpened> {
  const target: SshTarget = { user: entry.user ?? live.defaultUser, host: entry.host, port: entry.port, ...(entry.identity ? { identity: entry.identity } : {}) };
  // Rows from the export first: opening them costs no connection, and a refused hand-in needs none.
  if (!entry.folder) {
    const opened = who.entries.length > 0 ? await materialize(ctx.exportPath, ctx.kind, who, ctx.dest, new Budget(ctx.limits), ctx.signal) : await emptyFolder(ctx.dest);
    if (!opened.ok) return opened;
  }
  let failure = "not graded";
  for (let attempt = 1; attempt <= ctx.retries + 1; attempt++) {
    if (ctx.signal.aborted) throw cancelled(ctx.signal);
    try {
      const folder = entry.folder;
      const read = await readOverSsh(target, live.ssh, ctx.marks, folder ? async (ssh, deadline) => {
        await rm(ctx.dest, { recursive: true, force: true });
        return fetchRemoteFolder(sftpFiles(await ssh.sftp()), folder, ctx.dest, new Budget(ctx.limits), AbortSignal.any([ctx.signal, deadline]));
      } : undefined, ctx.signal);
      if (read.also && !read.also.ok) return read.also;
      return { ok: true, dir: ctx.dest, evidence: read.evidence, engineDigest: engineDigest(read.evidence), addedHostKey: read.addedHostKey };
    } catch (error) {
      if (ctx.signal.aborted) throw cancelled(ctx.signal);
      failure = isHarnessError(error) ? error.message : `could not reach ${entry.host}: ${(error as Error).message}`;
    }
    if (attempt <= ctx.retries) ctx.onRetry(attempt + 1, failure);
  }
  return { ok: false, error: failure, code: "ENGINE_UNREACHABLE" };
}

// What the engine held, for the resume key: the same hand-in on an engine that changed is graded again.
function engineDigest(evidence: ReadEvidence): string {
  return createHash("sha256").update(JSON.stringify({ ...evidence.snapshot, collectedAt: null })).digest("hex");
}

async function emptyFolder(dir: string): Promise<{ ok: true; dir: string }> {
  await mkdir(dir, { recursive: true });
  return { ok: true, dir };
}
