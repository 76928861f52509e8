import type { ClassReport } from "../model/class-row.ts";
import { renderGradebook } from "./class-gradebook.ts";
import { renderClassJunit } from "./class-junit.ts";
import { renderClassSummary } from "./class-summary-html.ts";
import { writeRendered, type WriteReportsResult } from "./write-reports.ts";

const CLASS_REPORTERS = [
  { file: "gradebook.csv", render: renderGradebook },
  { file: "summary.html", render: renderClassSummary },
  { file: "junit.xml", render: renderClassJunit },
] as const;

// The class's gradebook, summary and JUnit, written through the same multiplexer as a student's reports.
export function writeClassReports(report: ClassReport, outDir: string): Promise<WriteReportsResult> {
  return writeRendered(report, outDir, CLASS_REPORTERS);
}
