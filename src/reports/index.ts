export type { GradeReport, StepResult } from "./model.ts";
export { renderConsole } from "./console.ts";
export { renderJunit } from "./junit.ts";
export { renderGradescope } from "./gradescope.ts";
export { renderHtml } from "./html.ts";
export { DEFAULT_REPORTERS, writeReports } from "./write-reports.ts";
export type { Reporter, WriteReportsResult } from "./write-reports.ts";
