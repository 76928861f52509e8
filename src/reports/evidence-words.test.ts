import { describe, expect, it } from "vitest";
import type { GradeReport } from "../lab/result.ts";
import { REASON_CODES } from "../trust/reason-codes.ts";
import { renderConsole } from "./console.ts";
import { EVIDENCE_REVIEWED } from "./evidence-words.ts";
import { renderGradescope } from "./gradescope.ts";
import { renderHtml } from "./html.ts";
import { sampleReport } from "../../testing/reports/sample-report.ts";

const CODES = Object.keys(REASON_CODES);
const SECRET = "has name \"mycontainer\" in the graded facts but \"my-container\" in its own inspect document";
const suspicious = (): GradeReport => ({
  ...sampleReport(),
  evidence: "/srv/grading/.work/123/alice/evidence.json",
  trust: { level: "suspicious", reasons: [{ code: "fact-mismatch", message: `The container \`mycontainer\` ${SECRET}.` }, { code: "digest-mismatch", message: "The file's digest is …" }] },
});
const codesIn = (text: string) => CODES.filter((c) => text.includes(c));
const body = (html: string) => html.split("</style>")[1]!;

describe("what a student reads of suspicious evidence", () => {
  it("their console, report.html and Gradescope results say it will be reviewed, and nothing of why", () => {
    const texts = [renderConsole(suspicious(), { color: false }), body(renderHtml(suspicious())), renderGradescope(suspicious())];
    for (const text of texts) {
      expect(text).toContain(EVIDENCE_REVIEWED.replace("(evidence.json)", "(evidence.json)"));
      expect(codesIn(text)).toEqual([]);
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(/suspicious/i);
    }
    // Not where the grading machine unpacked the hand-in, either.
    expect(body(renderHtml(suspicious()))).not.toContain("/srv/grading");
  });
  it("says nothing of evidence that is collected, live or none", () => {
    for (const level of ["collected", "live", "none"] as const) {
      const report = { ...sampleReport(), trust: { level, reasons: [] } };
      expect(renderConsole(report, { color: false })).not.toContain(EVIDENCE_REVIEWED);
      expect(renderHtml(report)).not.toContain(EVIDENCE_REVIEWED);
    }
  });
});

describe("the instructor's copy", () => {
  it("report.html shows the level and every reason; results.json holds them in extra_data", () => {
    const html = renderHtml(suspicious(), "instructor");
    expect(html).toContain("<h2>Evidence: suspicious</h2>");
    expect(html).toContain("<code>fact-mismatch</code>");
    expect(html).toContain("<code>digest-mismatch</code>");
    const results = JSON.parse(renderGradescope(suspicious(), { audience: "instructor" })) as { extra_data: { trust: unknown } };
    expect(results.extra_data.trust).toEqual(suspicious().trust);
    expect((JSON.parse(renderGradescope(suspicious())) as { extra_data: Record<string, unknown> }).extra_data.trust).toBeUndefined();
  });
  it("a format-1 file shows its note", () => {
    expect(renderHtml({ ...sampleReport(), trust: { level: "collected", reasons: [], note: "format 1: fewer checks" } }, "instructor")).toContain("(format 1: fewer checks)");
  });
});
