import type { ClassReport } from "../model/class-row.ts";
import { renderGradebook } from "./class-gradebook.ts";
import { renderChangesCsv } from "./class-changes-csv.ts";
import { renderClassJunit } from "./class-junit.ts";
import { renderClassSummary } from "./class-summary-html.ts";
import { writeRendered, type WriteReportsResult } from "./write-reports.ts";

const CLASS_REPORTERS = [
  { file: "gradebook.csv", render: renderGradebook },
  { file: "summary.html", render: renderClassSummary },
  { file: "junit.xml", render: renderClassJunit },
] as const;

export const CHANGES_FILE = "changes.csv";

// The class's gradebook, summary and JUnit (and changes.csv after a regrade), written through the same multiplexer
// as a student's reports.
export function writeClassReports(report: ClassReport, outDir: string): Promise<WriteReportsResult> {
  const changes = report.changes;
  return writeRendered(report, outDir, changes ? [...CLASS_REPORTERS, { file: CHANGES_FILE, render: () => renderChangesCsv(changes) }] : CLASS_REPORTERS);
}
