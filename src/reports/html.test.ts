import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape-html.ts";
import { renderHtml } from "./html.ts";
import { sampleReport, TINY_PNG } from "../../testing/reports/sample-report.ts";

describe("renderHtml", () => {
  const html = renderHtml(sampleReport());

  it("escapes student output everywhere", () => {
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("found &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).toContain("Run `docker run hello-world` &amp; read");
  });

  it("inlines each captured plot with its figure number and trigger, and refuses a non-base64 one", () => {
    expect(html).toContain(`<img src="data:image/png;base64,${TINY_PNG}" alt="Figure 1">`);
    expect(html).toContain("Figure 1, captured at show");
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain("Figure 2, captured at exit");
  });

  it("shows the score, every step and the app's output, with no external assets", () => {
    expect(html).toContain("Score: 10 / 45");
    for (const id of ["docker-engine", "hello-world-ran", "pythonapp-build", "pythonapp-output"]) expect(html).toContain(`<code>${id}</code>`);
    expect(html).toContain("<pre>This is the squaring function\n");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it("says when the app was not run", () => {
    expect(renderHtml({ ...sampleReport(), app: null })).toContain("The app was not run.");
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});

describe("control characters in the student report", () => {
  it("are shown as \\x1b and \\x07, never emitted raw, wherever student text lands", () => {
    const report = sampleReport();
    report.steps[0]!.message = "container \u001b[31mred\u0007 name";
    if (report.app) report.app.stderr = "\u001b[31mWarning\u001b[0m";
    const html = renderHtml(report);
    expect(html).toContain("\\x1b[31mred\\x07");
    // eslint-disable-next-line no-control-regex
    expect(html).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
  });
});
