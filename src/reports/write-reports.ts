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

// The one place reports reach the disk. Like Playwright's multiplexer, a reporter that throws loses only its own file.
export function writeReports(report: GradeReport, outDir: string, reporters: readonly Reporter[] = DEFAULT_REPORTERS): Promise<WriteReportsResult> {
  return writeRendered(report, outDir, reporters);
}

export async function writeRendered<T>(report: T, outDir: string, reporters: ReadonlyArray<Reporter<T>>): Promise<WriteReportsResult> {
  await mkdir(outDir, { recursive: true });
  const result: WriteReportsResult = { written: [], failures: [] };
  for (const reporter of reporters) {
    const file = path.join(outDir, reporter.file);
    try {
      await writeFile(file, reporter.render(report), "utf8");
      result.written.push(file);
    } catch (error) {
      // A previous grade's file would pass for this one's: remove it.
      await rm(file, { force: true }).catch(() => undefined);
      result.failures.push({ file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return result;
}
