import { describe, expect, it } from "vitest";
import { renderConsole } from "./console.ts";
import { sampleReport } from "../../testing/reports/sample-report.ts";

const ANSI = new RegExp(String.fromCharCode(27) + "\\[");

describe("renderConsole", () => {
  it("prints a row per step, hints under failed and unjudged steps, and the totals", () => {
    const text = renderConsole(sampleReport(), { color: false });
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^pass {3}docker-engine {5}10\/10 {2}Client 27\.1/);
    expect(lines[1]).toMatch(/^FAIL {3}hello-world-ran {4}0\/10 {2}Expected/);
    expect(lines[2]).toMatch(/^ {32}→ Run `docker run hello-world`/);
    expect(lines[3]).toMatch(/^ERROR {2}pythonapp-build/);
    expect(lines[4]).toMatch(/→ labgrade could not judge this step; this is not your mistake/);
    expect(lines[5]).toMatch(/^skip {3}pythonapp-output +0\/15 {2}The image did not build\.$/);
    expect(text).toContain("\nScore: 10/45\n");
  });

  it("writes no ANSI codes without colour, and colours with it", () => {
    expect(renderConsole(sampleReport(), { color: false })).not.toMatch(ANSI);
    expect(renderConsole(sampleReport(), { color: true })).toMatch(ANSI);
  });

  it("shows control codes that come from student output as text, never raw", () => {
    const report = sampleReport();
    report.steps[0]!.message = "found \u001b]0;pwned\u0007 here";
    const text = renderConsole(report, { color: false });
    expect(text).toContain("found \\x1b]0;pwned\\x07 here");
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  it("says where the engine steps came from: a service step not judged without an engine is not an engine step", () => {
    const fromFile = { ...sampleReport(), evidence: "evidence.json" };
    fromFile.steps.push({ id: "web-answers", kind: "app", source: "local", title: "The web service answers", status: "skipped", points: 0, maxPoints: 10, message: "Not judged here: this step starts the hand-in's services, and labgrade ran with --no-engine." });
    expect(renderConsole(fromFile, { color: false })).toContain("Engine steps judged from the evidence file evidence.json, not the live engine.");
    const none = { ...sampleReport(), evidence: "none" };
    none.steps[0] = { ...none.steps[0]!, status: "skipped", message: "Not judged here: this step is judged from the Docker engine where the lab was done, and labgrade ran with --no-engine." };
    expect(renderConsole(none, { color: false })).toContain("Engine steps not judged here: no engine answered and no evidence file was handed in.");
  });
});
