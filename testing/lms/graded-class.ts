import { DEFAULT_LIMITS } from "../../src/intake/archive/index.ts";
import { listClass } from "../../src/intake/list-class.ts";
import { gradeClass } from "../../src/bulk/grade-class.ts";
import type { ClassRow } from "../../src/model/class-row.ts";
import { fakeGrader, okRun } from "../fake-grader.ts";

// A class export graded as `labgrade bulk` grades it, into outDir (journal and each student's reports), with the
// builds and runs stood in for: what `labgrade push` and `labgrade export` read back.
export async function gradeExport(exportPath: string, outDir: string): Promise<ClassRow[]> {
  return gradeClass({
    exportPath,
    listing: await listClass(exportPath),
    outDir,
    grader: fakeGrader({ build: async () => ({ ok: true, log: "", durationMs: 1 }) }, { run: async () => okRun() }),
    concurrency: 2,
    limits: DEFAULT_LIMITS,
    force: false,
    retries: 0,
    gradeTimeoutMs: 30_000,
    signal: new AbortController().signal,
  });
}
