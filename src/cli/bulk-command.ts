import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { LabgradeConfig } from "../config.ts";
import { compareClasses } from "../bulk/class-changes.ts";
import { readClassFolder } from "../bulk/class-folder.ts";
import { classReport } from "../bulk/class-report.ts";
import { writeClassTrustToStudents } from "../bulk/class-student-reports.ts";
import { defaultConcurrency } from "../bulk/concurrency.ts";
import { gradeClass } from "../bulk/grade-class.ts";
import { JOURNAL_FILE, readJournal } from "../bulk/journal.ts";
import { lockOutput } from "../bulk/output-lock.ts";
import { liveListing } from "../bulk/live-listing.ts";
import type { LiveClass } from "../bulk/live-student.ts";
import { parseRoster } from "../bulk/roster.ts";
import type { Shard } from "../bulk/shard.ts";
import { isSshUrl } from "../docker/ssh/ssh-target.ts";
import { HarnessError } from "../errors.ts";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { listClass } from "../intake/list-class.ts";
import { openGrader } from "../pipeline/grader.ts";
import { createClassProgress } from "../progress/class-progress.ts";
import { createProgress } from "../progress/progress.ts";
import type { CanvasAssignment } from "../reports/canvas-assignment.ts";
import { writeClassReports } from "../reports/write-class-reports.ts";
import { loadRubric } from "../lab/rubric-file.ts";
import { labRef } from "../lab/lab.ts";
import { type LabFlags, labFrom } from "./lab-option.ts";
import { lmsRefusal, writeLmsFiles } from "../reports/write-lms-files.ts";
import { type LmsInputs, lmsPreflight } from "../reports/lms-grades.ts";
import { type LmsInputFlags, readLmsInputs } from "./lms-input-options.ts";
import { type LiveFlags, liveSshOptions } from "./live-options.ts";
import { sandboxFrom } from "./sandbox-options.ts";
import { type TrustFlags, trustOptions } from "./trust-options.ts";
import type { SuspiciousPolicy } from "../model/class-row.ts";

export interface BulkOptions extends LiveFlags, TrustFlags, LabFlags, LmsInputFlags {
  /** What a row whose evidence is suspicious shows: keep (default), review or zero. */
  suspicious?: SuspiciousPolicy;
  /** `--live roster.csv`: read each roster student's engine over SSH. */
  live?: string;
  out?: string;
  concurrency?: number;
  force?: boolean;
  shard?: Shard;
  rubric?: string;
  timeout?: number;
  memory?: number;
  buildTimeout?: number;
  maxSize?: number;
  /** Also write canvas-grades.csv and canvas-feedback.zip for this Canvas assignment. */
  canvasAssignment?: CanvasAssignment;
  /** An earlier output folder of this class: changes.csv and summary.html say whose grade moved since. */
  compare?: string;
  /** Wait for another run writing to the same --out folder instead of refusing. */
  wait?: boolean;
  /** Take the folder's lock even when another host holds it. */
  forceUnlock?: boolean;
}

const MB = 1024 * 1024;
// Grades in flight per build slot: opening hand-ins and judging evidence overlap the builds.
const GRADES_PER_BUILD_SLOT = 4;
// Beyond a build and a run at their limits: evidence, copying, removing.
const GRADE_MARGIN_MS = 120_000;

// `labgrade bulk PATH`: a whole class, from a folder or an LMS export zip, into a gradebook.
// Exit 0 when every student has a row that was judged (graded or rejected); 1 when any row is an error.
export async function bulkCommand(exportArg: string | undefined, options: BulkOptions, config: LabgradeConfig, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<number> {
  if (!options.live && (options.knownHosts || options.acceptNewHosts)) throw new HarnessError("BAD_INPUT", "--known-hosts and --accept-new-hosts are for grading live over SSH; no --live roster.csv was given.", "Add --live roster.csv, or leave those options out.");
  if (isSshUrl(config.dockerHost)) throw new HarnessError("BAD_INPUT", `Expected DOCKER_HOST to name this machine's engine, which builds the students' apps; got ${config.dockerHost}.`, "Unset DOCKER_HOST (or point it at a local engine), and list the students' machines in a roster: `labgrade bulk --live roster.csv`.");
  if (exportArg === undefined && !options.live) throw new HarnessError("BAD_INPUT", "Expected the class to grade: an export folder or zip, or --live roster.csv; got neither.", "Run `labgrade bulk EXPORT` (or `labgrade bulk --live roster.csv [EXPORT]`).");
  const exportPath = exportArg ?? "";
  const exported = exportArg === undefined ? null : await listClass(path.resolve(exportArg));
  const roster = options.live ? await readRoster(options.live) : null;
  const listing = roster ? liveListing(roster.entries, exported) : exported!;
  if (listing.submissions.length === 0) {
    throw new HarnessError("BAD_INPUT", `Expected submissions in ${exportPath}; found none${listing.ignored.length ? ` (only ${listing.ignored.slice(0, 5).join(", ")})` : ""}.`, "Pass the folder or zip the LMS exported: one entry per student.");
  }
  const live: LiveClass | undefined = roster ? { roster: new Map(roster.entries.map((e) => [e.student, e])), ssh: liveSshOptions(options, config, env), defaultUser: env.USER || env.LOGNAME || os.userInfo().username } : undefined;
  const outDir = path.resolve(options.out ?? path.join("reports", `bulk-${new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19)}`));
  // Before any grading: an import file that cannot be written for this export is said now, not after an hour.
  if (options.canvasAssignment && !listing.submissions.some((s) => s.identity?.lms === "canvas")) {
    throw new HarnessError("BAD_INPUT", lmsRefusal(classReport([], [], { title: "", generatedAt: new Date() }), "canvas")!, "Drop --canvas-assignment, or grade the zip Canvas's \"Download submissions\" gave.");
  }
  const lab = await labFrom(options, env);
  const steps = await loadRubric(options.rubric, lab);
  // Before any grading too: a grade file that would reach the wrong people, or be out of the wrong maximum.
  const lmsInputs = await readLmsInputs(options);
  if ((lmsInputs.gradebook || lmsInputs.groups) && !options.canvasAssignment) throw new HarnessError("BAD_INPUT", "Expected --canvas-assignment beside --canvas-gradebook or --canvas-groups: they check canvas-grades.csv, which bulk writes only for a named assignment.", "Add --canvas-assignment \"<title> (<assignment id>)\", or leave them out.");
  if (options.canvasAssignment) lmsPreflight(listing.submissions, steps, "canvas", { ...lmsInputs, canvasAssignment: options.canvasAssignment });
  if (listing.submissions.some((s) => s.lms === "moodle") || lmsInputs.worksheet) lmsPreflight(listing.submissions, steps, "moodle", lmsInputs);
  // Before anything is swept or written: a second run on the same folder would spoil the first's journal.
  const lock = await lockOutput(outDir, "labgrade bulk", { wait: Boolean(options.wait), forceUnlock: Boolean(options.forceUnlock), signal, onNote: (text) => process.stderr.write(`${text}\n`) });
  try {
    return await bulkLocked({ exportArg, exportPath, listing, outDir, lab, steps, roster, live, lmsInputs }, options, config, env, signal);
  } finally {
    await lock.release();
  }
}

/** A class run as the command line resolved it, before the output folder's lock. */
interface BulkRun {
  exportArg: string | undefined;
  exportPath: string;
  listing: Awaited<ReturnType<typeof listClass>>;
  outDir: string;
  lab: Awaited<ReturnType<typeof labFrom>>;
  steps: Awaited<ReturnType<typeof loadRubric>>;
  roster: Awaited<ReturnType<typeof readRoster>> | null;
  live: LiveClass | undefined;
  lmsInputs: LmsInputs;
}

async function bulkLocked(run: BulkRun, options: BulkOptions, config: LabgradeConfig, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<number> {
  const { exportArg, exportPath, listing, outDir, lab, steps, roster, live, lmsInputs } = run;
  // What the class had before this run: the folder given to --compare, or this folder's journal when --force
  // grades it again (after a rubric change, or a new labgrade); read under the lock, as the journal is.
  const baseline = options.compare ? await readClassFolder(path.resolve(options.compare)) : options.force ? [...(await readJournal(path.join(outDir, JOURNAL_FILE))).rows.values()] : [];
  const sandbox = sandboxFrom(options);
  const buildTimeoutMs = options.buildTimeout ? options.buildTimeout * 1000 : config.appBuildTimeoutMs;
  const concurrency = options.concurrency ?? defaultConcurrency(sandbox.memoryBytes);
  // Builds and runs are what cost: N of them at once. Grades waiting on another's build of the same
  // app, or only reading evidence, do not hold one of those N.
  const appBoundMs = buildTimeoutMs + sandbox.timeoutMs + GRADE_MARGIN_MS;
  const grader = await openGrader({ config, lab, steps, sandbox, buildTimeoutMs, env, appConcurrency: concurrency, appBoundMs, progress: createProgress({ title: "preparing the python base image" }) });
  if (!grader.engine) {
    throw new HarnessError("ENGINE_UNREACHABLE", "Bulk grading builds and runs each student's app on a Docker engine, and none answered.", "Start Docker, check with `labgrade doctor`, and run the same command again.");
  }
  const progress = createClassProgress();
  for (const note of listing.notes) progress.note(`note: ${note}`);
  for (const note of roster?.notes ?? []) progress.note(`note: ${note}`);
  const where = live ? `${live.roster.size} machines on ${options.live}${exportArg ? `, hand-ins from ${exportArg} (${listing.kind})` : ""}` : `${exportPath} (${listing.kind})`;
  progress.note(`${listing.submissions.length} submissions in ${where}; ${concurrency} at a time; output and journal in ${outDir}${options.shard ? `; shard ${options.shard.index}/${options.shard.count}` : ""}`);
  let fromJournal = 0;
  try {
    const rows = await gradeClass({
      exportPath: exportArg === undefined ? "" : path.resolve(exportArg),
      listing,
      outDir,
      grader,
      concurrency: concurrency * GRADES_PER_BUILD_SLOT,
      limits: { ...DEFAULT_LIMITS, ...(options.maxSize ? { maxTotalBytes: options.maxSize * MB } : {}) },
      force: Boolean(options.force),
      ...(options.shard ? { shard: options.shard } : {}),
      retries: 2,
      // The whole grade, queueing for a build slot included: a last resort behind the bound on each build and run.
      gradeTimeoutMs: appBoundMs * (GRADES_PER_BUILD_SLOT + 1),
      signal,
      onEvent: (event) => {
        if (event.type === "planned") progress.planned(event.total, event.alreadyGraded);
        if (event.type === "finished") progress.finished({ ...event.row, reused: event.reused });
        if (event.type === "finished" && event.reused === "journal") fromJournal++;
        if (event.type === "retrying") progress.note(`${event.student}: trying again (attempt ${event.attempt}) after a harness failure: ${event.reason}`);
        if (event.type === "host-key-added") progress.note(`${event.student}: added the host key of ${event.host} to ${live?.ssh.knownHosts.policy.file} (--accept-new-hosts)`);
      },
      ...(live ? { live } : {}),
      trust: trustOptions(options),
    });
    // A rerun of a finished class: every row came from the journal, so no app was built or run.
    if (rows.length > 0 && fromJournal === rows.length) progress.note(`Nothing to grade: all ${rows.length} students were graded before with the same work (${path.join(outDir, "journal.jsonl")}); no app was built or run. Pass --force to grade them again.`);
    const graded = classReport(rows, steps, { title: `labgrade: ${path.basename(exportArg ?? options.live ?? "")}`, generatedAt: new Date(), suspicious: options.suspicious ?? "keep", lab: labRef(lab) });
    const report = baseline.length > 0 ? { ...graded, changes: compareClasses(baseline, graded.rows, options.compare ?? `this folder's previous grading (${outDir})`) } : graded;
    const studentFiles = await writeClassTrustToStudents(report, outDir, lab.steps);
    const classFiles = await writeClassReports(report, outDir);
    // The LMS's own import files: Canvas when asked (the assignment's column name is the instructor's), Moodle
    // whenever the export was Moodle's.
    const moodle = report.rows.some((r) => r.identity?.lms === "moodle");
    const lmsFiles = options.canvasAssignment || moodle ? await writeLmsFiles(report, outDir, { ...(options.canvasAssignment ? { canvas: options.canvasAssignment } : {}), moodle }, lmsInputs) : { written: [], failures: [], notes: [] };
    const written = [...classFiles.written, ...lmsFiles.written];
    const failures = [...studentFiles.failures, ...classFiles.failures, ...lmsFiles.failures];
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    const suspicious = report.rows.filter((r) => r.trust?.level === "suspicious").length;
    progress.close(`graded ${count("graded")}, rejected ${count("rejected")}, errors ${count("error")} of ${rows.length}${suspicious > 0 ? `; ${suspicious} with suspicious evidence (listed first in summary.html)` : ""}. Wrote ${written.join(", ")}`);
    for (const f of failures) process.stderr.write(`labgrade could not write ${f.file}: ${f.error}\n`);
    for (const line of lmsFiles.notes) process.stderr.write(`note: ${line}\n`);
    const down = report.changes?.students.filter((c) => (c.after.score ?? -Infinity) < (c.before.score ?? -Infinity)).length ?? 0;
    if (report.changes) process.stderr.write(`Compared with ${report.changes.baseline}: ${report.changes.students.length} students changed, ${down} of them down (changes.csv).\n`);
    if (count("error") === 0 && failures.length === 0) return 0;
    process.stderr.write(`Some rows are errors (labgrade or the engine failed; not the students' fault). Fix the machine (\`labgrade doctor\`) and run the same command with --out ${outDir}: only those are graded again.\n`);
    return 1;
  } catch (error) {
    if (signal.aborted) progress.close(`stopped. What was finished is in ${path.join(outDir, "journal.jsonl")}; run the same command with --out ${outDir} to go on.`);
    throw error;
  } finally {
    await grader.close();
  }
}

async function readRoster(file: string): Promise<ReturnType<typeof parseRoster>> {
  const absolute = path.resolve(file);
  const text = await readFile(absolute, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new HarnessError("BAD_INPUT", `Expected a roster at ${absolute}; ${error.code === "ENOENT" ? "there is none" : `it could not be read (${error.code ?? error.message})`}.`, "Pass the CSV file that lists each student's machine: student,name,host[,user,port,identity,folder].");
  });
  return parseRoster(text, absolute);
}
