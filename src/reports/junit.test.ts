import { describe, expect, it } from "vitest";
import { renderJunit } from "./junit.ts";
import { sampleReport } from "./sample-report.ts";

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
    expect(testCases[1]).toMatch(/<failure message="Expected `Hello from Docker!`; found &lt;script>alert\('x'\)&lt;\/script> ]]> in the output\.&#xA;Hint: Run `docker run hello-world` &amp; read what it prints\." type="failed">/);
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
});
