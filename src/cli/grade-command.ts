import { access, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { LabgradeConfig } from "../config.ts";
import { HarnessError } from "../errors.ts";
import type { EvidenceOption } from "../pipeline/evidence-source.ts";
import { evidenceOption } from "../pipeline/evidence-source.ts";
import { grade } from "../pipeline/grade.ts";
import { type Grader, openGrader } from "../pipeline/grader.ts";
import { appWork } from "../pipeline/app-work.ts";
import { createProgress } from "../progress/progress.ts";
import { renderConsole } from "../reports/console.ts";
import { GRADESCOPE_VISIBILITIES, type GradescopeVisibility, renderGradescope } from "../reports/gradescope.ts";
import type { GradeReport } from "../lab/result.ts";
import { writeReports } from "../reports/write-reports.ts";
import { loadRubric } from "../lab/rubric-file.ts";
import { type LabFlags, labFrom } from "./lab-option.ts";
import { describeIsolation } from "../runners/local/index.ts";
import { defaultSubmission } from "./defaults.ts";
import { type LiveFlags, studentEngineOverSsh } from "./live-options.ts";
import { sandboxFrom } from "./sandbox-options.ts";
import { type TrustFlags, trustOptions } from "./trust-options.ts";

export interface GradeOptions extends LiveFlags, TrustFlags, LabFlags {
  evidence?: string;
  out?: string;
  json?: boolean;
  rubric?: string;
  timeout?: number;
  memory?: number;
  buildTimeout?: number;
  /** Commander's spelling of `--no-engine`: false when given. */
  engine?: boolean;
  /** `--engine ssh://user@host[:port]`: the student's engine, read live over SSH. */
  engineUrl?: string;
  /** The identity file for --engine ssh://… (default: ssh-agent's keys, then ~/.ssh/id_*). */
  identity?: string;
  /** Also write Gradescope's results.json here (the autograder's /autograder/results/results.json). */
  gradescopeResults?: string;
  gradescopeVisibility?: string;
}

// `labgrade grade [DIR]`: exit 0 when a grade was produced, whatever the score; 1 when labgrade could not grade.
export async function gradeCommand(dir: string | undefined, options: GradeOptions, config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env, signal?: AbortSignal): Promise<number> {
  const lab = await labFrom(options, env);
  const submissionDir = dir ? path.resolve(dir) : defaultSubmission(lab, env);
  await access(submissionDir).catch(() => {
    throw new HarnessError("BAD_INPUT", `Expected a submission folder at ${submissionDir}; there is none.`, "Pass the folder that holds your app.py and Dockerfile: `labgrade grade path/to/folder`.");
  });
  const visibility = gradescopeVisibility(options.gradescopeVisibility);
  const sandbox = sandboxFrom(options);
  const progress = createProgress({ title: `grading ${path.basename(submissionDir)}` });
  // A student's engine over SSH is only read; the app is built on this machine's own engine.
  const remote = await studentEngineOverSsh(options, config, env, lab.marks, signal);
  const grader = await openGrader({
    lab,
    steps: await loadRubric(options.rubric, lab),
    config: remote ? remote.graderConfig : config,
    sandbox,
    buildTimeoutMs: options.buildTimeout ? options.buildTimeout * 1000 : config.appBuildTimeoutMs,
    env: remote ? remote.graderEnv : env,
    progress,
    local: { mode: options.engine === false ? "only" : "fallback", env },
  });
  let report: GradeReport;
  let withoutEngine: string | null = null;
  try {
    if (grader.noEngine && grader.noEngine !== "--no-engine") process.stderr.write(`${grader.noEngine.trim()} Grading without an engine.\n`);
    report = await grade(grader, { dir: submissionDir, evidence: remote ? remote.evidence : evidenceFrom(options.evidence) }, { progress, trust: trustOptions(options), ...(signal ? { signal } : {}) });
    if (!grader.engine) {
      withoutEngine = await describeWithoutEngine(grader, sandbox);
    }
  } finally {
    await grader.close();
  }
  const outDir = path.resolve(options.out ?? path.join("reports", report.submission.name));
  const { written, failures } = await writeReports(report, outDir);
  const results = renderGradescope(report, { visibility, withoutEngine });
  if (options.gradescopeResults) {
    const file = path.resolve(options.gradescopeResults);
    const withheld = await writeGradescopeResults(file, results, report);
    if (withheld) process.stderr.write(`${withheld}\n`);
    else written.push(file);
  }
  if (options.json) process.stdout.write(results + "\n");
  else process.stdout.write(renderConsole(report, { color: Boolean(process.stdout.isTTY) }) + (withoutEngine ? `${withoutEngine}\n` : "") + `\nReports: ${written.join(", ")}\n`);
  const skipped = report.steps.filter((s) => s.status === "skipped" && s.kind === "engine");
  if (skipped.length > 0) process.stderr.write(`Not judged here (no engine, no evidence file): ${skipped.map((s) => s.id).join(", ")}.\n`);
  for (const f of failures) process.stderr.write(`labgrade could not write ${f.file}: ${f.error}\n`);
  const unjudged = report.steps.filter((s) => s.status === "error");
  if (unjudged.length === 0) return 0;
  // The grade is incomplete through no fault of the student's: say so, and let scripts see it.
  process.stderr.write(`labgrade could not judge ${unjudged.map((s) => s.id).join(", ")} (not the student's mistake): ${unjudged[0]!.message}\nFix the machine (\`labgrade doctor\`) and grade again.\n`);
  return 1;
}

// Gradescope (and a script reading the file) would score a step labgrade could not judge as the student's 0:
// when any step is `error` no results.json is written, and a stale one is removed, so the autograder fails
// instead. Returns why the file was not written, or null when it was.
export async function writeGradescopeResults(file: string, results: string, report: Pick<GradeReport, "steps">): Promise<string | null> {
  const unjudged = report.steps.filter((s) => s.status === "error");
  if (unjudged.length > 0) {
    await rm(file, { force: true });
    return `labgrade did not write ${file}: it could not judge ${unjudged.map((s) => s.id).join(", ")}, and Gradescope would score that as the student's 0. The autograder fails instead; fix the machine and grade again.`;
  }
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, results, "utf8");
  return null;
}

async function describeWithoutEngine(grader: Grader, sandbox: Parameters<typeof describeIsolation>[1]): Promise<string> {
  const how = grader.noEngine === "--no-engine" ? "--no-engine" : "none answered";
  if (!appWork(grader.options.lab).build) return `Graded without a Docker engine (${how}): the lab's steps build no app.`;
  const lines = [`Graded without a Docker engine (${how}): the app was built in a python virtual environment on this machine, holding only what its Dockerfile installs with pip.`];
  if (grader.local) {
    const isolation = await grader.local.isolation();
    lines.push(`The app ran with ${describeIsolation(isolation, sandbox, grader.local.ranAsOwnUser ?? true)}.`);
    for (const gap of isolation.unbounded) lines.push(`Not applied here — ${gap}.`);
  }
  return lines.join("\n");
}

// `--evidence carried`: the submission's evidence.json only, as a hand-in is graded (Gradescope): none fails the engine steps.
function evidenceFrom(raw: string | undefined): EvidenceOption {
  return raw === "carried" ? { kind: "carried" } : evidenceOption(raw);
}

function gradescopeVisibility(raw: string | undefined): GradescopeVisibility {
  if (raw === undefined) return "visible";
  if ((GRADESCOPE_VISIBILITIES as readonly string[]).includes(raw)) return raw as GradescopeVisibility;
  throw new HarnessError("BAD_INPUT", `Expected --gradescope-visibility to be one of ${GRADESCOPE_VISIBILITIES.join(", ")}; got "${raw}".`);
}
