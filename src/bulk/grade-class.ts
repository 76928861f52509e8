import { createHash } from "node:crypto";
import { mkdir, readdir, rm, rmdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pLimit from "p-limit";
import { cancelled, type Failure, isFailure, isHarnessError } from "../errors.ts";
import { type ArchiveLimits, Budget } from "../intake/archive/index.ts";
import type { ClassListing, HandIn } from "../intake/hand-in.ts";
import { materialize } from "../intake/materialize.ts";
import type { ClassRow } from "../model/class-row.ts";
import type { EvidenceOption } from "../pipeline/evidence-source.ts";
import { grade } from "../pipeline/grade.ts";
import type { Grader } from "../pipeline/grader.ts";
import type { TrustOptions } from "../pipeline/grade-trust.ts";
import { appSteps, labRef } from "../lab/lab.ts";
import type { GradeReport } from "../lab/result.ts";
import { HarnessError } from "../errors.ts";
import { INSTRUCTOR_REPORTERS, writeReports } from "../reports/write-reports.ts";
import { treeDigest } from "../runners/context-digest.ts";
import { processIsAlive } from "../lock/index.ts";
import { codeIdentity } from "../version.ts";
import { countedRow } from "./counted-row.ts";
import { handoutDigest } from "./handout-digest.ts";
import { type LiveClass, openLiveStudent } from "./live-student.ts";
import { appendJournal, JOURNAL_FILE, readJournal } from "./journal.ts";
import { writePlan } from "./plan.ts";
import { errorRow, rejectedRow, rowFromReport } from "./rows.ts";
import { inShard, type Shard } from "./shard.ts";
import { studentFolder } from "./student-folder.ts";

export interface ClassJob {
  exportPath: string;
  listing: ClassListing;
  outDir: string;
  grader: Grader;
  concurrency: number;
  limits: ArchiveLimits;
  /** Regrade every student, whatever the journal holds. */
  force: boolean;
  shard?: Shard;
  /** A harness failure is tried this many more times before the row is an error. */
  retries: number;
  /** labgrade's own bound on one grade (build + run + margin): past it the attempt is a harness failure. */
  gradeTimeoutMs: number;
  signal: AbortSignal;
  onEvent?: (event: ClassEvent) => void;
  /** `--live roster.csv`: the roster's students are judged from their engines over SSH, not from evidence.json. */
  live?: LiveClass;
  /** The class's rules for evidence files (`--require-evidence`, `--window`); part of each row's resume key. */
  trust?: TrustOptions;
}

export type ClassEvent =
  | { type: "planned"; total: number; alreadyGraded: number }
  | { type: "finished"; row: ClassRow; reused: "journal" | "app" | null }
  | { type: "retrying"; student: string; attempt: number; reason: string }
  | { type: "host-key-added"; student: string; host: string };

// Grades every student of a class (or of one shard), several at a time. Each student is opened, graded
// and written on their own: one hand-in's hang, crash or failed build is its own row, and the journal
// gets each row as it finishes, so a crashed or interrupted run goes on where it stopped.
export async function gradeClass(job: ClassJob): Promise<ClassRow[]> {
  const { grader, outDir, signal } = job;
  const journalFile = path.join(outDir, JOURNAL_FILE);
  const works = path.join(outDir, ".work");
  // This process's own extractions, named by its pid: a sweep removes only those of runs that are gone.
  const work = path.join(works, `${process.pid}-${grader.run.id}`);
  await mkdir(outDir, { recursive: true });
  await sweepWork(works);
  await mkdir(work, { recursive: true });
  const journal = await readJournal(journalFile);
  const { lab } = grader.options;
  assertSameLab(journal.rows.values(), lab.id, outDir);
  const students = job.listing.submissions.filter((s) => inShard(s.student, job.shard));
  await writePlan(outDir, students.map((s) => s.student), job.shard);
  const base = appSteps(lab).length > 0 ? (await grader.basePython()).id : "no app";
  const handout = await handoutDigest(lab.app);
  // The class's evidence rules change a row's trust: a row graded under other rules is graded again; so does a
  // change of the lab file.
  const fixed = JSON.stringify({ code: codeIdentity(), base, lab: lab.digest, steps: grader.options.steps, sandbox: grader.options.sandbox, buildTimeoutMs: grader.options.buildTimeoutMs, ...(job.trust && Object.keys(job.trust).length > 0 ? { trust: job.trust } : {}) });
  job.onEvent?.({ type: "planned", total: students.length, alreadyGraded: job.force ? 0 : students.filter((s) => journal.rows.get(s.student)?.status === "graded").length });
  const limit = pLimit(job.concurrency);
  const rows = new Map<string, ClassRow>();
  try {
    await Promise.all(
      students.map((who) =>
        limit(async () => {
          if (signal.aborted) return;
          const previous = (key: string) => (job.force ? undefined : journal.byKey.get(who.student)?.get(key));
          const { row, reused } = await gradeOne(job, who, { work, fixed, handout, previous }).catch((error: unknown) => {
            // Anything unforeseen (a full disk writing reports) is this student's error row; the class goes on.
            if (signal.aborted) throw error;
            return { row: errorRow(who, `labgrade failed: ${(error as Error).message ?? String(error)}`, grader.options.steps), reused: null };
          });
          const ofLab = row.lab ? row : { ...row, lab: labRef(lab) };
          if (reused !== "journal") await appendJournal(journalFile, ofLab);
          rows.set(who.student, ofLab);
          job.onEvent?.({ type: "finished", row: ofLab, reused: reused === "journal-updated" ? "journal" : reused });
        }),
      ),
    );
  } finally {
    limit.clearQueue();
    await rm(work, { recursive: true, force: true });
    await rmdir(works).catch(() => undefined); // kept while another run's (or a dead one's) folder is in it
  }
  if (signal.aborted) throw cancelled(signal);
  // This run's rows, unless the journal holds one that counts over it (a graded row over this run's error).
  return students.map((s) => {
    const row = rows.get(s.student)!;
    const before = journal.rows.get(s.student);
    return before ? countedRow(before, row) : row;
  });
}

// An output folder holds one lab's class: its journal's rows name the lab (older rows name none: the Docker
// installation lab), and a run of another lab there would mix two classes' grades.
function assertSameLab(rows: Iterable<ClassRow>, id: string, outDir: string): void {
  for (const row of rows) {
    const theirs = row.lab?.id ?? "docker-install";
    if (theirs !== id) throw new HarnessError("BAD_INPUT", `Expected ${outDir} to hold a class of the lab ${id}; its journal holds grades of the lab ${theirs} (${row.student}).`, `Grade this lab into another --out folder, or pass --lab ${theirs} to go on with that class.`);
  }
}

// Removes the extraction folders of runs that are gone (killed before their own clean-up), never a live one's.
async function sweepWork(works: string): Promise<void> {
  for (const name of await readdir(works).catch(() => [] as string[])) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (pid === process.pid || (Number.isInteger(pid) && pid > 0 && processIsAlive(pid))) continue;
    await rm(path.join(works, name), { recursive: true, force: true });
  }
}

interface Context {
  work: string;
  fixed: string;
  handout: string | null;
  /** The journal's row for this student's work under this key, if any. */
  previous: (key: string) => ClassRow | undefined;
}

async function gradeOne(job: ClassJob, who: HandIn, ctx: Context): Promise<{ row: ClassRow; reused: "journal" | "journal-updated" | "app" | null }> {
  const folder = studentFolder(who.student);
  const dest = path.join(ctx.work, folder);
  try {
    const entry = job.live?.roster.get(who.student);
    const open = async () => {
      // Afresh each time: nothing an earlier attempt (or anything else) removed or changed is used again.
      await rm(dest, { recursive: true, force: true });
      const opened = entry && job.live ? await openLiveStudent(job.live, entry, who, liveContext(job, who, dest)) : await materialize(job.exportPath, job.listing.kind, who, dest, new Budget(job.limits), job.signal);
      if (job.signal.aborted) throw cancelled(job.signal);
      return opened;
    };
    const opened = await open();
    // A failure with a code is labgrade's (or the engine's): an error row; without one the hand-in's: rejected.
    if (!opened.ok) return { row: opened.code ? errorRow(who, opened.error, job.grader.options.steps) : rejectedRow(who, opened.error, job.grader.options.steps), reused: null };
    const live = "evidence" in opened ? opened : null;
    if (live?.addedHostKey && entry) job.onEvent?.({ type: "host-key-added", student: who.student, host: `${entry.host}:${entry.port}` });
    const contentHash = await treeDigest(opened.dir);
    // Live, the engine is part of the work: the same hand-in on an engine that changed is graded again.
    const key = createHash("sha256").update(ctx.fixed).update(contentHash).update(live ? live.engineDigest : "").digest("hex");
    const previous = ctx.previous(key);
    if (previous?.status === "graded") {
      // The same work, graded before; who handed it in and when is as this export says (a late re-upload).
      const row = { ...previous, name: who.name, entry: who.entries.join(" + "), late: who.late, ...(who.identity ? { identity: who.identity } : {}) };
      return { row, reused: sameHandIn(row, previous) ? "journal" : "journal-updated" };
    }
    const reopen = async (): Promise<string> => {
      const again = await open();
      if (!again.ok) throw new Error(`the hand-in could not be opened again: ${again.error}`);
      if ((await treeDigest(again.dir)) !== contentHash) throw new Error("the hand-in read differently the second time (the export changed during the run)");
      return again.dir;
    };
    const report = await gradeWithRetries(job, who, opened.dir, reopen, live ? live.evidence : { kind: "carried" });
    if (isFailure(report)) return { row: errorRow(who, report.error, job.grader.options.steps, { key, contentHash }), reused: null };
    const reportDir = `students/${folder}`;
    const plot = await writeStudentReports(report, path.join(job.outDir, reportDir));
    const row = rowFromReport(who, report, { key, contentHash, handout: ctx.handout !== null && report.fingerprint?.appDigest === ctx.handout, reportDir, plot: plot ? `${reportDir}/${plot}` : null });
    return { row, reused: report.fingerprint?.appReused ? "app" : null };
  } finally {
    await rm(dest, { recursive: true, force: true });
  }
}

// A grade that labgrade or the engine could not finish (an error step, a thrown harness failure, our
// own time limit) is tried again; the student's own failures are results and are never retried.
// Each try after the first grades a fresh copy of the hand-in.
async function gradeWithRetries(job: ClassJob, who: HandIn, first: string, reopen: () => Promise<string>, evidence: EvidenceOption): Promise<GradeReport | Failure> {
  let last: GradeReport | Failure = { ok: false, error: "not graded", code: "ENGINE_FAILED" };
  for (let attempt = 1; attempt <= job.retries + 1; attempt++) {
    if (job.signal.aborted) throw cancelled(job.signal);
    const overtime = AbortSignal.timeout(job.gradeTimeoutMs);
    try {
      const dir = attempt === 1 ? first : await reopen();
      const report = await grade(job.grader, { dir, evidence, name: who.student }, { signal: AbortSignal.any([job.signal, overtime]), ...(job.trust ? { trust: job.trust } : {}) });
      if (!report.steps.some((s) => s.status === "error")) return report;
      last = report;
    } catch (error) {
      if (job.signal.aborted) throw error;
      const why = overtime.aborted ? `labgrade's own time limit (${Math.round(job.gradeTimeoutMs / 1000)} s) for one grade ran out` : isHarnessError(error) ? error.message : `an internal error: ${(error as Error).message}`;
      last = { ok: false, error: why, code: overtime.aborted ? "TIMEOUT" : isHarnessError(error) ? error.code : "ENGINE_FAILED" };
    }
    if (attempt <= job.retries) job.onEvent?.({ type: "retrying", student: who.student, attempt: attempt + 1, reason: isFailure(last) ? last.error : "a step could not be judged" });
  }
  return last;
}

// The student's reports as the instructor reads them (with the evidence's trust and reasons), the student's own
// copy for the LMS, and their plot as a file for the summary.
async function writeStudentReports(report: GradeReport, dir: string): Promise<string | null> {
  await writeReports(report, dir, INSTRUCTOR_REPORTERS);
  const png = report.app?.plots.find((p) => p.pngBase64)?.pngBase64;
  if (!png) return null;
  await writeFile(path.join(dir, "plot.png"), Buffer.from(png, "base64"));
  return "plot.png";
}

function liveContext(job: ClassJob, who: HandIn, dest: string) {
  const onRetry = (attempt: number, reason: string) => job.onEvent?.({ type: "retrying", student: who.student, attempt, reason });
  return { exportPath: job.exportPath, kind: job.listing.kind, dest, limits: job.limits, retries: job.retries, signal: job.signal, onRetry, marks: job.grader.options.lab.marks };
}

const sameHandIn = (a: ClassRow, b: ClassRow) => a.name === b.name && a.entry === b.entry && a.late === b.late && JSON.stringify(a.identity) === JSON.stringify(b.identity);
