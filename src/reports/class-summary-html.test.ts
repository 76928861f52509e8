import { describe, expect, it } from "vitest";
import { sampleClassReport } from "../../testing/reports/class-sample-report.ts";
import { renderClassSummary } from "./class-summary-html.ts";

describe("renderClassSummary", () => {
  const html = renderClassSummary(sampleClassReport());
  // A row's tooltips hold newlines: cut the page at <tr>, not at line ends.
  const rowOf = (student: string) => html.split("<tr>").find((row) => row.includes(`<code>${student}</code>`)) ?? "";
  const urls = [...html.matchAll(/\b(href|src)="([^"]*)"/g)].map((m) => m[2] ?? "");

  it("shows the class title, when it was generated and the labgrade version", () => {
    expect(html).toContain("<h1>Docker lab — INF 201, autumn</h1>");
    expect(html).toContain("Generated 2026-11-28 23:59 UTC · labgrade 0.1.0 · rubric sha256:0123456789ab · 5 students");
  });

  it("names the lab the class did, with its lab file's digest", () => {
    const lab = { id: "docker-compose", title: "Docker Compose: a web service and a worker", digest: "sha256:0a1b2c3d4e5f60718293" };
    expect(renderClassSummary({ ...sampleClassReport(), lab })).toContain("Generated 2026-11-28 23:59 UTC · lab docker-compose (Docker Compose: a web service and a worker, sha256:0a1b2c3d4e5f) · labgrade 0.1.0");
  });

  it("counts graded, rejected and error rows, and the mean score of graded rows only", () => {
    expect(html).toContain('<li class="graded"><b>3</b>');
    expect(html).toContain('<li class="rejected"><b>1</b>');
    expect(html).toContain('<li class="error"><b>1</b>');
    expect(html).toContain("<b>33.3<small class=\"muted\"> / 45</small></b><span>mean score of 3 graded</span>");
  });

  it("gives each step's pass rate over judged hand-ins, with a bar, and counts the unjudged apart", () => {
    expect(html).toContain('<span style="width: 67%"></span></span>67% <span class="muted">2 / 3 judged</span>');
    const build = rowOf("pythonapp-build");
    expect(build).toContain("100% <span class=\"muted\">2 / 2 judged</span></td><td class=\"muted\">1 not judged</td>");
  });

  it("draws a compact mark per step, with the step's message as an escaped tooltip", () => {
    const bob = rowOf("bob");
    expect([...bob.matchAll(/<td class="mark (\w+)"[^>]*>(.)<\/td>/g)].map((m) => `${m[1]}${m[2]}`)).toEqual(["passed✓", "failed✗", "error–", "skipped–"]);
    expect(bob).toContain('title="hello-world ran and printed its greeting\nfailed, 0 / 10 pts\nExpected `Hello from Docker!`; found &lt;script&gt;alert(1)&lt;/script&gt; in the output."');
    expect(bob).toContain("The engine went away during the build: \\x1b[31mECONNRESET\\x07");
    expect(bob).toContain('<span class="badge late">late</span>');
  });

  it("says why a rejected or error row has no steps, across the step columns, and never shows its total as 0", () => {
    expect(rowOf("carol")).toContain('<td class="why" colspan="4"><b>Rejected, the hand-in could not be opened:</b> The upload is not a zip archive: &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; @SUM(1)</td>');
    expect(rowOf("dave")).toContain("<b>labgrade error, not the student's mistake:</b>");
    for (const student of ["carol", "dave"]) expect(rowOf(student)).toContain('<td class="total none">– / 45</td>');
    expect(rowOf("bob")).toContain('<td class="total">10 / 45</td>');
  });

  it("highlights the same-work signal as a signal, not a verdict", () => {
    expect(rowOf("alice")).toContain("≈ eve</span>");
    expect(rowOf("eve")).toContain("≈ alice, =evil</span>");
    expect(html).toContain("A reason to look, not a verdict.");
    expect(rowOf("bob")).not.toContain('class="same"');
  });

  it("escapes every text from the rows and never emits markup from data", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\son\w+=/i);
    expect(rowOf("eve")).toContain('<td class="name">&lt;script&gt;alert(1)&lt;/script&gt;</td>');
    expect(rowOf("bob")).toContain('<td class="name">=cmd|&#39; /C calc&#39;!A0</td>');
    expect(rowOf("bob")).toContain('title="Entry: =HYPERLINK(&quot;http://x&quot;)"');
    expect(rowOf("alice")).toContain('<td class="name">Zoë 学生</td>');
    for (const [, value] of html.matchAll(/\btitle="([^"]*)"/g)) expect(value).not.toMatch(/[<>]/);
  });

  it("shows control characters as visible codes and emits none raw", () => {
    // eslint-disable-next-line no-control-regex
    expect(html).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
    expect(rowOf("dave")).toContain('<td class="name">\\x1b[31mred\\x07</td>');
    expect(rowOf("dave")).toContain("the Docker engine went away\\x1b]0;pwned\\x07");
  });

  it("links each report and plot by a relative path, lazily, and drops absolute, parent and scheme paths", () => {
    expect(rowOf("alice")).toContain('<a href="students/alice/plot-1.png"><img src="students/alice/plot-1.png" loading="lazy" alt="Plot of alice"></a>');
    expect(rowOf("alice")).toContain('<a href="students/alice/report.html">report</a>');
    expect(html.match(/<img /g)).toHaveLength(3);
    expect(html.match(/<img [^>]*loading="lazy"/g)).toHaveLength(3);
    expect(rowOf("dave")).not.toMatch(/<img|<a /);
    expect(rowOf("eve")).not.toContain("report.html");
    expect(rowOf("eve")).toContain('src="students/eve/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.png"');
    expect(urls).toHaveLength(8);
    for (const url of urls) expect(url).toMatch(/^(?![/\\])(?!.*(?:^|\/)\.\.(?:\/|$))[^:]+$/);
    expect(html).not.toContain("data:image");
  });

  it("keeps the page self-contained: inline style, a CSP that refuses scripts and remote fetches", () => {
    expect(html).toContain(`content="default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<link|@import|url\(/);
    expect(html.match(/<tr>/g)?.length).toBe(html.match(/<\/tr>/g)?.length);
  });

  it("says so when the class has no rows yet, and shows a dash for the mean", () => {
    const empty = renderClassSummary({ ...sampleClassReport(), rows: [] });
    expect(empty).toContain("No hand-ins in this class yet.");
    expect(empty).toContain("<b>–<small");
  });
});
