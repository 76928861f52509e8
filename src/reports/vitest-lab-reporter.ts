import pc from "picocolors";
import type { Reporter, TestRunEndReason, TestSpecification, Vitest } from "vitest/node";
import { renderConsole } from "./console.ts";
import type { GradeReport } from "../lab/result.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The grade of the student's submission, made once by the lab suites' globalSetup. */
    gradeReport: GradeReport;
    /** The report files that grade wrote. */
    gradeReportFiles: string[];
  }
}

type Reporters = Array<"default" | "github-actions" | Reporter>;

// The reporters of a run that grades the lab: vitest's own (as it would pick them), then the lab's table.
export function labReporters(project: string, env: NodeJS.ProcessEnv = process.env): Reporters {
  return ["default", ...(env.GITHUB_ACTIONS === "true" ? (["github-actions"] as const) : []), new LabReporter({ project })];
}

// The student's step table, printed after vitest's summary: vitest's counts are of tests (labgrade's own
// among them), the table is the lab. Vitest calls reporters in order and its summary is written
// synchronously, so listed after "default" this is the last thing on screen.
export class LabReporter implements Reporter {
  private vitest: Vitest | undefined;
  private graded = false;

  /** The vitest project whose globalSetup grades the submission. */
  readonly project: string;
  private readonly color: boolean | undefined;

  constructor(options: { project: string; color?: boolean }) {
    this.project = options.project;
    this.color = options.color;
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    this.graded = specifications.some((s) => s.project.name === this.project);
  }

  onTestRunEnd(_modules: unknown, _errors: unknown, reason: TestRunEndReason): void {
    const vitest = this.vitest;
    if (!vitest || !this.graded || reason === "interrupted") return;
    const context = vitest.projects.find((p) => p.name === this.project)?.getProvidedContext();
    const color = this.color ?? pc.isColorSupported;
    vitest.logger.log(context?.gradeReport ? renderLabTable(context.gradeReport, context.gradeReportFiles ?? [], color) : NO_GRADE);
  }
}

const NO_GRADE = "\nNo grade: labgrade could not grade the submission, so no step was judged. The error vitest prints says why: labgrade's or the engine's fault, not yours.\n";

// The console table with each step's title on its row; a step that did not pass keeps its message and hint below.
export function renderLabTable(report: GradeReport, files: readonly string[], color: boolean): string {
  const c = pc.createColors(color);
  const titled: GradeReport = {
    ...report,
    steps: report.steps.map((s) => ({ ...s, message: s.status === "passed" ? s.title : `${s.title}\n${s.message}` })),
  };
  // The rows from the titled steps, the score and where the evidence came from from the report as graded
  // (renderConsole reads the messages for that): its one blank line separates the two.
  const rows = renderConsole(titled, { color }).split("\n\n")[0] ?? "";
  const footer = renderConsole(report, { color }).split("\n\n").slice(1).join("\n\n");
  const where = `${report.submission.name} (${report.submission.path})`;
  return ["", c.bold(`Your lab: ${where}`), "", rows, "", footer.trimEnd(), ...(files.length ? ["", `Reports: ${files.join(", ")}`] : []), ""].join("\n");
}
