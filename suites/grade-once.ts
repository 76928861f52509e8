import type { TestProject } from "vitest/node";
import { defaultSubmission } from "../src/cli/defaults.ts";
import { readConfig } from "../src/config.ts";
import { evidenceOption } from "../src/pipeline/evidence-source.ts";
import { gradeSubmission } from "../src/pipeline/grade-submission.ts";
import { createProgress } from "../src/progress/progress.ts";
import { writeReports } from "../src/reports/write-reports.ts";
import { loadRubric } from "../src/lab/rubric-file.ts";
import { DEFAULT_LAB, loadLab } from "../src/labfile/index.ts";
import { DEFAULT_SANDBOX } from "../src/runners/app-runner.ts";

// Grades the submission once for the whole run, for the lab LAB names (a shipped lab's id or a lab file; the Docker
// installation lab by default): LAB_SUBMISSION, else ./submission, else the lab's reference hand-in; LAB_EVIDENCE,
// LAB_RUBRIC and LAB_TIMEOUT in seconds as `labgrade grade` takes them. It writes the
// reports into reports/ (or LAB_REPORTS), and hands the result to every step's suite and to the lab's reporter
// (src/reports/vitest-lab-reporter.ts, which declares what is provided).
export async function setup(project: TestProject) {
  const config = readConfig();
  const lab = await loadLab(process.env.LAB || DEFAULT_LAB);
  const report = await gradeSubmission(
    { dir: defaultSubmission(lab), evidence: evidenceOption(process.env.LAB_EVIDENCE) },
    {
      lab,
      steps: await loadRubric(process.env.LAB_RUBRIC || undefined, lab),
      config,
      sandbox: { ...DEFAULT_SANDBOX, ...(process.env.LAB_TIMEOUT ? { timeoutMs: Number(process.env.LAB_TIMEOUT) * 1000 } : {}) },
      buildTimeoutMs: config.appBuildTimeoutMs,
      progress: createProgress({ title: "grading your lab", stream: process.stderr }),
      // As `labgrade grade` does: with no engine answering, the app is built without one.
      local: { mode: "fallback", env: process.env },
    },
  );
  const { written, failures } = await writeReports(report, process.env.LAB_REPORTS || "reports");
  for (const f of failures) process.stderr.write(`labgrade could not write ${f.file}: ${f.error}\n`);
  project.provide("gradeReport", report);
  project.provide("gradeReportFiles", written);
}
