import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import config from "../../vitest.config.ts";
import { LabReporter, renderLabTable } from "./vitest-lab-reporter.ts";
import { sampleReport } from "../../testing/reports/sample-report.ts";

const RUN = fileURLToPath(new URL("../../fixtures/lab-reporter/run.ts", import.meta.url));

// A vitest run of two lab steps from a canned grade (one failed), as a terminal shows it: vitest writes the failed
// tests to stderr and the rest to stdout, so both go into one pipe (two pipes would be read in either order).
async function runFixture(env: NodeJS.ProcessEnv = {}) {
  const result = await execa("sh", ["-c", 'exec tsx "$0" 2>&1', RUN], { preferLocal: true, reject: false, timeout: 120_000, env: { NO_COLOR: "1", FORCE_COLOR: "0", GITHUB_ACTIONS: "", ...env } });
  // eslint-disable-next-line no-control-regex
  const lines = String(result.stdout).replace(/\x1b\[[0-9;]*m/g, "").split("\n").map((l) => l.trimEnd());
  while (lines.at(-1) === "") lines.pop();
  return { exitCode: result.exitCode, lines };
}

describe("the lab's vitest reporter", () => {
  it("prints the student's step table and score last, after vitest's summary", async () => {
    const { exitCode, lines } = await runFixture();
    expect(exitCode, lines.join("\n")).toBe(1);
    expect(lines.slice(-11)).toEqual([
      "Your lab: no-pip-line (/labs/no-pip-line)",
      "",
      "pass   docker-engine         10/10  The Docker client and an engine answer",
      "FAIL   pythonapp-dockerfile    0/5  The Dockerfile: FROM python, pip install numpy matplotlib, COPY the app, CMD",
      "                                    Expected `RUN pip install numpy matplotlib`; found no RUN line.",
      "                                    → Install both with pip: `RUN pip install numpy matplotlib`.",
      "",
      "Score: 10/15",
      "Engine steps judged from the live Docker engine.",
      "",
      "Reports: reports/junit.xml, reports/results.json, reports/report.html",
    ]);
    const summary = lines.findIndex((l) => /^\s*Tests\s+1 failed \| 1 passed \(2\)$/.test(l));
    expect(summary, "vitest's summary").toBeGreaterThan(0);
    expect(summary).toBeLessThan(lines.indexOf("Your lab: no-pip-line (/labs/no-pip-line)"));
  }, 120_000);

  it("says there is no grade when grading failed, and prints no table", async () => {
    const { exitCode, lines } = await runFixture({ LAB_REPORTER_GRADE: "throw" });
    expect(exitCode).toBe(1);
    expect(lines.some((l) => l.startsWith("No grade: labgrade could not grade the submission"))).toBe(true);
    expect(lines.some((l) => l.includes("The engine went away (a fixture's fault)."))).toBe(true);
    expect(lines.some((l) => l.startsWith("Score:"))).toBe(false);
  }, 120_000);

  it("is the last reporter of the project's vitest config, for the suites that grade the submission", () => {
    const reporters = config.test?.reporters;
    expect(Array.isArray(reporters) ? reporters.slice(0, 1) : reporters).toEqual(["default"]);
    const last = Array.isArray(reporters) ? reporters.at(-1) : undefined;
    expect(last).toBeInstanceOf(LabReporter);
    expect((last as LabReporter).project).toBe("suites");
    const suites = config.test?.projects?.find((p) => typeof p === "object" && "test" in p && p.test?.name === "suites");
    expect(suites && typeof suites === "object" && "test" in suites ? suites.test?.globalSetup : undefined).toEqual(["suites/grade-once.ts"]);
  });
});

describe("renderLabTable", () => {
  it("puts each step's title on its row, and the message and hint under a step that did not pass", () => {
    const text = renderLabTable(sampleReport(), [], false);
    expect(text).toContain("pass   docker-engine     10/10  The Docker client and an engine answer\n");
    expect(text).toContain("FAIL   hello-world-ran    0/10  hello-world ran and printed its greeting\n");
    expect(text).toContain("  Expected `Hello from Docker!`; found <script>alert('x')</script> ]]> in the output.\n");
    expect(text).toContain("  → Run `docker run hello-world` & read what it prints.\n");
    expect(text).not.toContain("Client 27.1 and engine 27.1 answered.");
    expect(text).toContain("\nScore: 10/45\nEngine steps judged from the live Docker engine.\n");
    expect(text).not.toContain("Reports:");
  });

  it("keeps where the engine steps' verdicts came from as the grade says, not from the retitled rows", () => {
    const report = sampleReport();
    report.steps = report.steps.map((s) => (s.kind === "engine" ? { ...s, status: "skipped", points: 0, message: "Not judged here: no Docker engine answered." } : s));
    expect(renderLabTable(report, [], false)).toContain("Engine steps not judged here: no engine answered and no evidence file was handed in.");
  });
});
