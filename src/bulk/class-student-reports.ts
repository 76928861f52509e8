import { readFile } from "node:fs/promises";
import path from "node:path";
import type { GradeReport } from "../lab/result.ts";
import type { ClassReport } from "../model/class-row.ts";
import { GRADE_REPORT_FILE, INSTRUCTOR_REPORTERS, writeReports, type WriteReportsResult } from "../reports/write-reports.ts";
import { type StepReading, stepsInDoubt } from "../trust/steps-in-doubt.ts";

// Each student's reports are written as they are graded, before the class is compared. Once it is, they are written
// again from the grade as judged (grade-report.json) with the trust the class report gives the row: the class's
// reasons joined, the level they change, and the engine steps they put in doubt. The grade file itself keeps the
// student's own trust, so that each comparison starts again from it.
export async function writeClassTrustToStudents(report: ClassReport, outDir: string, steps: readonly StepReading[]): Promise<WriteReportsResult> {
  const result: WriteReportsResult = { written: [], failures: [] };
  const reporters = INSTRUCTOR_REPORTERS.filter((r) => r.file !== GRADE_REPORT_FILE);
  for (const row of report.rows) {
    if (!row.reportDir || !row.trust) continue;
    const dir = path.join(outDir, row.reportDir);
    const grade = await readFile(path.join(dir, GRADE_REPORT_FILE), "utf8").then((text) => JSON.parse(text) as GradeReport, () => null);
    if (!grade) continue; // written by an older labgrade: its reports stay as they were
    const trust = row.trust;
    const doubted = stepsInDoubt(trust, steps);
    const updated: GradeReport = {
      ...grade,
      trust,
      steps: grade.steps.map(({ inDoubt: _, ...s }) => (s.kind === "engine" ? { ...s, trust: trust.level, ...(doubted.includes(s.id) ? { inDoubt: true } : {}) } : s)),
    };
    const written = await writeReports(updated, dir, reporters);
    result.written.push(...written.written);
    result.failures.push(...written.failures);
  }
  return result;
}
