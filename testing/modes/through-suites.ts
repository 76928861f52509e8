import type { GradeReport } from "../../src/lab/result.ts";

// `npm test`'s grading as a student runs it: the suites' globalSetup (suites/grade-once.ts) with the given LAB_*
// variables, LAB_EVIDENCE unset; the environment is put back afterwards. Returns the grade it provides, or null.
export async function gradeThroughSuites(variables: Record<string, string>): Promise<GradeReport | null> {
  const { setup } = (await import("../../suites/grade-once.ts")) as unknown as { setup: (project: { provide: (key: string, value: unknown) => void }) => Promise<void> };
  const names = [...new Set([...Object.keys(variables), "LAB_EVIDENCE"])];
  const saved = Object.fromEntries(names.map((name) => [name, process.env[name]]));
  delete process.env.LAB_EVIDENCE;
  Object.assign(process.env, variables);
  let report: GradeReport | null = null;
  try {
    await setup({ provide: (key, value) => void (key === "gradeReport" && (report = value as GradeReport)) });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return report;
}
