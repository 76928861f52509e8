import { handoutLab } from "../../testing/lab/lab-steps.ts";
import { labFolder } from "../labfile/index.ts";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { xml2js, type ElementCompact } from "xml-js";
import { grade } from "../pipeline/grade.ts";
import type { RunResult } from "../runners/types.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { handoutFixture } from "../../testing/fixtures.ts";
import { renderJunit } from "./junit.ts";
import type { GradeReport } from "../lab/result.ts";
import { sampleReport } from "../../testing/reports/sample-report.ts";

describe("renderJunit", () => {
  const xml = renderJunit(sampleReport());
  const testCases = xml.split("<testcase ").slice(1);

  it("writes one suite for the submission and one testcase per step", () => {
    expect(xml.match(/<testsuite /g)).toHaveLength(1);
    expect(xml).toMatch(/<testsuite name="labgrade: alice" timestamp="2025-01-01T10:00:00.000Z" time="41.5" tests="4" failures="1" errors="1" skipped="1">/);
    expect(testCases).toHaveLength(4);
    expect(testCases[0]).toContain('classname="labgrade.docker-engine" name="The Docker client and an engine answer (10 pts)"');
  });

  it("marks the student's mistake as <failure>, the unjudged step as <error> and the skipped one as <skipped>", () => {
    expect(testCases[0]).not.toMatch(/<failure|<error|<skipped/);
    expect(testCases[1]).toMatch(/<failure message="Expected `Hello from Docker!`; found &lt;script>alert\('x'\)&lt;\/script> ]]> in the output\." type="failed">/);
    expect(testCases[2]).toContain('<error message="labgrade could not judge this step: The engine went away during the build." type="error">');
    expect(testCases[2]).toContain("ECONNRESET");
    expect(testCases[3]).toContain("<skipped/>");
  });

  it("keeps a CDATA body well formed when student output holds ]]>", () => {
    const cdata = testCases[1]?.match(/<!\[CDATA\[([\s\S]*?)\]\]>/)?.[1];
    expect(cdata).toContain("]] > in the output");
    expect(cdata).toContain("Hint: Run `docker run hello-world`");
  });

  it("records points, maximum and step id as properties", () => {
    expect(testCases[1]).toContain('<property name="stepId" value="hello-world-ran"/>');
    expect(testCases[1]).toContain('<property name="points" value="0"/>');
    expect(testCases[1]).toContain('<property name="maxPoints" value="10"/>');
    expect(testCases[0]).toContain('<property name="points" value="10"/>');
  });

  it("starts from a fresh builder on every call", () => {
    expect(renderJunit(sampleReport())).toBe(xml);
  });

  it("puts the verdict on one line in the failure's message and keeps multi-line text for the body", () => {
    const report = sampleReport();
    const step = report.steps[1]!;
    Object.assign(step, { message: "Expected the app to exit 0; it exited with code 1: its error output ends with:\nTraceback (most recent call last):\n  ZeroDivisionError" });
    const failure = testCasesOf(renderJunit(report))[1]?.failure;
    expect(failure?._attributes?.message).toBe("Expected the app to exit 0; it exited with code 1: its error output ends with: Traceback (most recent call last): ZeroDivisionError");
    expect(failure?._cdata).toContain("ends with:\nTraceback (most recent call last):\n  ZeroDivisionError\n\nHint: Run `docker run hello-world`");
    Object.assign(step, { message: "x".repeat(1000) });
    expect(String(testCasesOf(renderJunit(report))[1]?.failure?._attributes?.message)).toHaveLength(400);
  });

  it("writes file and line only where a step has a place", () => {
    const report = sampleReport();
    Object.assign(report.steps[1]!, { location: { file: "Dockerfile", line: 4 } });
    Object.assign(report.steps[3]!, { location: { file: "Dockerfile.txt" } });
    const cases = testCasesOf(renderJunit(report));
    expect(cases.map((c) => [c._attributes?.file, c._attributes?.line])).toEqual([[undefined, undefined], ["Dockerfile", "4"], [undefined, undefined], ["Dockerfile.txt", undefined]]);
  });
});

// Read as mikepenz/action-junit-report reads it: xml-js, compact form (src/testParser.ts: `xml2json(data, {compact: true})`),
// a testcase's place from its own `file`/`line` attributes, its text from the failure's `message`.
function testCasesOf(xml: string): ElementCompact[] {
  const root = xml2js(xml, { compact: true }) as ElementCompact;
  const suites = root.testsuites?.testsuite;
  const suite = (Array.isArray(suites) ? suites[0] : suites) as ElementCompact;
  const cases = suite.testcase as ElementCompact | ElementCompact[];
  return Array.isArray(cases) ? cases : [cases];
}

function annotation(xml: string, stepId: string) {
  const testCase = testCasesOf(xml).find((c) => c._attributes?.classname === `labgrade.${stepId}`);
  const issue = (testCase?.failure ?? testCase?.error) as ElementCompact | undefined;
  return { file: testCase?._attributes?.file, line: testCase?._attributes?.line, message: issue?._attributes?.message, body: issue?._cdata };
}

describe("JUnit annotations for a graded fixture", () => {
  const submission = (name: string) => handoutFixture(name);
  const evidence = { kind: "file" as const, path: path.join(labFolder(handoutLab), "walks", "full-walk", "evidence.json") };
  // Graded through the real pipeline, with the build and the run faked: the app's output is what it gives in Docker.
  const gradeWith = (name: string, run: RunResult): Promise<GradeReport> =>
    grade(fakeGrader({ build: async () => ({ ok: true, log: "", durationMs: 1 }) }, { run: async () => run }), { dir: submission(name), evidence });

  it("places the curly quotes of the handout lab's curly-quotes fixture on their line of app.py", async () => {
    // What python 3.11+ prints for this app.py (`python3 app.py`): the quotes are on its sixth line.
    const stderr = '  File "/app/app.py", line 6\n    print(“This is the squaring function”)\n          ^\nSyntaxError: invalid character \'“\' (U+201C)\n';
    const report = await gradeWith("curly-quotes", okRun({ exitCode: 1, stdout: "", stderr, plots: [] }));
    const found = annotation(renderJunit(report), "pythonapp-output");
    expect(found).toMatchObject({ file: "app.py", line: "6" });
    expect(found.message).toBe("Expected the app to exit 0; it exited with code 1: SyntaxError: line 6 of app.py has curly quotes “ (U+201C), ” (U+201D): `print(“This is the squaring function”)`");
    expect(found.body).toContain("Hint: The quotes were pasted from the handout. Retype “ ” on line 6 of app.py");
    expect(annotation(renderJunit(report), "pythonapp-dockerfile").file).toBeUndefined();
  });

  it("places a missing pip line in the Dockerfile, and a Dockerfile.txt on that file", async () => {
    const noPip = await gradeWith("no-pip-line", okRun());
    expect(annotation(renderJunit(noPip), "pythonapp-dockerfile")).toMatchObject({ file: "Dockerfile", line: undefined, message: expect.stringContaining("found no RUN line") });
    const txt = await gradeWith("dockerfile-txt", okRun());
    expect(annotation(renderJunit(txt), "pythonapp-dockerfile")).toMatchObject({ file: "Dockerfile.txt", line: undefined });
    expect(annotation(renderJunit(txt), "pythonapp-build")).toMatchObject({ file: "Dockerfile.txt", message: expect.stringContaining("there is nothing to build") });
  });
});
