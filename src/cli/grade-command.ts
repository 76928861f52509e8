import { access } from "node:fs/promises";
import path from "node:path";
import type { LabgradeConfig } from "../config.ts";
import { HarnessError } from "../errors.ts";
import { gradeSubmission } from "../pipeline/grade-submission.ts";
import { createProgress } from "../progress/progress.ts";
import { renderConsole } from "../reports/console.ts";
import { renderGradescope } from "../reports/gradescope.ts";
import { writeReports } from "../reports/write-reports.ts";
import { loadRubric } from "../rubric/rubric-file.ts";
import { evidenceOption } from "../pipeline/evidence-source.ts";
import { defaultSubmission } from "./defaults.ts";
import { sandboxFrom } from "./sandbox-options.ts";

export interface GradeOptions {
  evidence?: string;
  out?: string;
  json?: boolean;
  rubric?: string;
  timeout?: number;
  memory?: number;
  buildTimeout?: number;
}

// `labgrade grade [DIR]`: exit 0 when a grade was produced, whatever the score; 1 when labgrade could not grade.
export async function gradeCommand(dir: string | undefined, options: GradeOptions, config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<number> {
  const submissionDir = dir ? path.resolve(dir) : defaultSubmission(env);
  await access(submissionDir).catch(() => {
    throw new HarnessError("BAD_INPUT", `Expected a submission folder at ${submissionDir}; there is none.`, "Pass the folder that holds your app.py and Dockerfile: `labgrade grade path/to/folder`.");
  });
  const report = await gradeSubmission(
    { dir: submissionDir, evidence: evidenceOption(options.evidence) },
    {
      steps: await loadRubric(options.rubric),
      config,
      sandbox: sandboxFrom(options),
      buildTimeoutMs: options.buildTimeout ? options.buildTimeout * 1000 : config.appBuildTimeoutMs,
      env,
      progress: createProgress({ title: `grading ${path.basename(submissionDir)}` }),
      ...(signal ? { signal } : {}),
    },
  );
  const outDir = path.resolve(options.out ?? path.join("reports", report.submission.name));
  const { written, failures } = await writeReports(report, outDir);
  if (options.json) process.stdout.write(renderGradescope(report) + "\n");
  else process.stdout.write(renderConsole(report, { color: Boolean(process.stdout.isTTY) }) + `\nReports: ${written.join(", ")}\n`);
  for (const f of failures) process.stderr.write(`labgrade could not write ${f.file}: ${f.error}\n`);
  const unjudged = report.steps.filter((s) => s.status === "error");
  if (unjudged.length === 0) return 0;
  // The grade is incomplete through no fault of the student's: say so, and let scripts see it.
  process.stderr.write(`labgrade could not judge ${unjudged.map((s) => s.id).join(", ")} (not the student's mistake): ${unjudged[0]!.message}\nFix the machine (\`labgrade doctor\`) and grade again.\n`);
  return 1;
}
