import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { renderGradescope } from "./gradescope.ts";
import { renderHtml } from "./html.ts";
import { renderJunit } from "./junit.ts";
import type { GradeReport } from "../lab/result.ts";

export interface Reporter<T = GradeReport> {
  file: string;
  render: (report: T) => string;
}

export interface WriteReportsResult {
  written: string[];
  failures: Array<{ file: string; error: string }>;
}

export const DEFAULT_REPORTERS: readonly Reporter[] = [
  { file: "junit.xml", render: renderJunit },
  { file: "results.json", render: renderGradescope },
  { file: "report.html", render: renderHtml },
];

/** The student's own copy of a report bulk writes beside the instructor's: what the LMS's feedback files attach. */
export const STUDENT_REPORT_FILE = "student-report.html";
/** The grade as judged, with the student's own trust: what the reports are written again from once the class is compared. */
export const GRADE_REPORT_FILE = "grade-report.json";

// The instructor's copy of a student's reports in a class (bulk's students/<id>/): report.html and results.json
// show the evidence's trust and every reason; student-report.html is the page the student is handed back.
export const INSTRUCTOR_REPORTERS: readonly Reporter[] = [
  { file: "junit.xml", render: renderJunit },
  { file: "results.json", render: (report) => renderGradescope(report, { audience: "instructor" }) },
  { file: "report.html", render: (report) => renderHtml(report, "instructor") },
  { file: STUDENT_REPORT_FILE, render: (report) => renderHtml(report, "student") },
  { file: GRADE_REPORT_FILE, render: (report) => `${JSON.stringify(report)}\n` },
];

// The one place reports reach the disk. Like Playwright's multiplexer, a reporter that throws loses only its own file.
export function writeReports(report: GradeReport, outDir: string, reporters: readonly Reporter[] = DEFAULT_REPORTERS): Promise<WriteReportsResult> {
  return writeRendered(report, outDir, reporters);
}

export function writeRendered<T>(report: T, outDir: string, reporters: ReadonlyArray<Reporter<T>>): Promise<WriteReportsResult> {
  return writeOutputs(outDir, reporters.map((r) => ({ file: r.file, render: () => r.render(report) })));
}

/** A file to write: text (UTF-8) or bytes (a zip), rendered when its turn comes. */
export interface Output {
  file: string;
  render: () => string | Uint8Array | Promise<string | Uint8Array>;
}

export async function writeOutputs(outDir: string, outputs: readonly Output[]): Promise<WriteReportsResult> {
  await mkdir(outDir, { recursive: true });
  const result: WriteReportsResult = { written: [], failures: [] };
  for (const output of outputs) {
    const file = path.join(outDir, output.file);
    try {
      const data = await output.render();
      await writeFile(file, data, typeof data === "string" ? "utf8" : undefined);
      result.written.push(file);
    } catch (error) {
      // A previous grade's file would pass for this one's: remove it.
      await rm(file, { force: true }).catch(() => undefined);
      result.failures.push({ file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
