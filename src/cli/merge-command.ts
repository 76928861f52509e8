import { cp, mkdir, rmdir, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { classReport } from "../bulk/class-report.ts";
import { countedRow } from "../bulk/counted-row.ts";
import { JOURNAL_FILE, readJournal, renderJournal } from "../bulk/journal.ts";
import { lockOutput, outputWriter } from "../bulk/output-lock.ts";
import { readPlan } from "../bulk/plan.ts";
import { stepsOfRows } from "../bulk/rows-rubric.ts";
import { HarnessError } from "../errors.ts";
import type { ClassRow } from "../model/class-row.ts";
import { writeClassReports } from "../reports/write-class-reports.ts";
import { loadRubric } from "../lab/rubric-file.ts";
import type { SuspiciousPolicy } from "../model/class-row.ts";
import { labRef } from "../lab/lab.ts";
import { classLab } from "./class-lab.ts";
import type { LabFlags } from "./lab-option.ts";

type MergeOptions = LabFlags & { rubric?: string; suspicious?: SuspiciousPolicy };

// `labgrade merge DIR... --out DIR`: the outputs of `bulk --shard K/N` runs as one class.
export async function mergeCommand(dirs: string[], options: MergeOptions & { out: string; wait?: boolean; forceUnlock?: boolean }, signal?: AbortSignal): Promise<number> {
  const outDir = path.resolve(options.out);
  const existed = (await stat(outDir).catch(() => null)) !== null;
  const lock = await lockOutput(outDir, "labgrade merge", { wait: Boolean(options.wait), forceUnlock: Boolean(options.forceUnlock), ...(signal ? { signal } : {}), onNote: (text) => process.stderr.write(`${text}\n`) });
  try {
    return await mergeLocked(dirs, outDir, options);
  } catch (error) {
    await lock.release();
    // A refused merge leaves no trace: the folder the lock made goes again (rmdir removes only an empty one).
    if (!existed) await rmdir(outDir).catch(() => undefined);
    throw error;
  } finally {
    await lock.release();
  }
}

interface Shards {
  /** Each student's counted row, and the shard folder it came from. */
  rows: Map<string, { row: ClassRow; dir: string }>;
  /** The students the shards' plans name: those without a row are not graded yet. */
  planned: Set<string>;
}

async function mergeLocked(dirs: string[], outDir: string, options: MergeOptions): Promise<number> {
  const shards = await readShards(dirs.map((d) => path.resolve(d)), outDir);
  const merged = [...shards.rows.values()].map((s) => s.row);
  // Shards of two labs, a --lab or a rubric of another are refused here, before anything is written to --out.
  const lab = await classLab(merged, options);
  const steps = options.rubric ? await loadRubric(options.rubric, lab) : (stepsOfRows(merged, lab) ?? (await loadRubric(undefined, lab)));
  await mkdir(outDir, { recursive: true });
  for (const { row, dir } of shards.rows.values()) if (row.reportDir && dir !== outDir) await copyInto(path.join(dir, row.reportDir), path.join(outDir, row.reportDir));
  // The merged folder is a class output like any other: a later `bulk --out` or `merge` reads its journal.
  if (!dirs.map((d) => path.resolve(d)).includes(outDir)) await writeFile(path.join(outDir, JOURNAL_FILE), renderJournal(merged), "utf8");
  const report = classReport(merged, steps, { title: `labgrade: ${dirs.length} shards merged`, generatedAt: new Date(), suspicious: options.suspicious ?? "keep", lab: labRef(lab) });
  const { written, failures } = await writeClassReports(report, outDir);
  process.stdout.write(`Merged ${merged.length} students from ${dirs.length} folders. Wrote ${written.join(", ")}\n`);
  for (const f of failures) process.stderr.write(`labgrade could not write ${f.file}: ${f.error}\n`);
  const missing = [...shards.planned].filter((s) => !shards.rows.has(s)).sort();
  // A shard that stopped before its end: the gradebook lacks these students, and says nothing for them.
  if (missing.length) process.stderr.write(`Not graded yet in their shard (run that shard's bulk command again with the same --out, then merge): ${missing.join(", ")}\n`);
  return failures.length || missing.length ? 1 : 0;
}

// Reads every shard's journal and plan, and writes nothing.
async function readShards(dirs: string[], outDir: string): Promise<Shards> {
  const rows = new Map<string, { row: ClassRow; dir: string }>();
  const planned = new Set<string>();
  for (const dir of dirs) {
    const found = await stat(path.join(dir, JOURNAL_FILE)).catch(() => null);
    if (!found) throw new HarnessError("BAD_INPUT", `Expected ${dir} to be the output folder of \`labgrade bulk\` (with ${JOURNAL_FILE}); it has no journal.`, "Pass the --out folders of each shard.");
    const writer = dir === outDir ? null : await outputWriter(dir);
    // Read as it stands: its students still being graded are named below as not graded yet.
    if (writer) process.stderr.write(`note: ${writer.command} (pid ${writer.pid}, started ${writer.startedAt}) is still writing to ${dir}.\n`);
    const { rows: shardRows } = await readJournal(path.join(dir, JOURNAL_FILE));
    // A shard's own students only: its journal may hold rows of an earlier export graded into the same folder.
    const plan = await readPlan(dir);
    for (const student of plan?.students ?? []) planned.add(student);
    for (const row of shardRows.values()) {
      if (plan && !plan.students.includes(row.student)) continue;
      const kept = rows.get(row.student)?.row;
      if (kept && countedRow(kept, row) === kept) continue;
      rows.set(row.student, { row, dir });
    }
  }
  return { rows, planned };
}

async function copyInto(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  await cp(from, to, { recursive: true, force: true }).catch(() => undefined);
}
