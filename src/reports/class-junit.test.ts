import { describe, expect, it } from "vitest";
import { renderClassJunit } from "./class-junit.ts";
import { sampleClassReport } from "../../testing/reports/class-sample-report.ts";

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decode = (raw: string): string =>
  raw.replace(/&([^;]*);?/g, (whole, ref: string) => {
    if (!whole.endsWith(";")) throw new Error(`unterminated entity ${whole}`);
    if (ref.startsWith("#x")) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith("#")) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    const value = ENTITIES[ref];
    if (value === undefined) throw new Error(`unknown entity &${ref};`);
    return value;
  });

// No XML parser is installed (only xmlbuilder, which writes): a strict reader for what junit.xml may hold —
// prolog, elements, double-quoted attributes, text, CDATA — that throws on anything malformed or on characters
// XML 1.0 forbids, so a broken file fails the test rather than matching a regex.
function parseXml(xml: string): XmlElement {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/.test(xml)) throw new Error("character not allowed in XML 1.0");
  const prolog = /^<\?xml [^?]*\?>\s*/.exec(xml);
  let i = prolog ? prolog[0].length : 0;
  const root: XmlElement = { name: "#document", attrs: {}, children: [], text: "" };
  const stack = [root];
  const top = (): XmlElement => stack[stack.length - 1] ?? root;
  const openTag = /<([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/y;
  while (i < xml.length) {
    if (xml.startsWith("<![CDATA[", i)) {
      const end = xml.indexOf("]]>", i);
      if (end < 0) throw new Error("unterminated CDATA");
      top().text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith("</", i)) {
      const close = /<\/([A-Za-z_][\w.-]*)\s*>/y;
      close.lastIndex = i;
      const match = close.exec(xml);
      if (!match || match[1] !== top().name || stack.length === 1) throw new Error(`unexpected close tag at ${i}`);
      stack.pop();
      i = close.lastIndex;
    } else if (xml[i] === "<") {
      openTag.lastIndex = i;
      const match = openTag.exec(xml);
      if (!match) throw new Error(`malformed tag at ${i}: ${xml.slice(i, i + 40)}`);
      const attrs: Record<string, string> = {};
      for (const [, key = "", value = ""] of (match[2] ?? "").matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        if (key in attrs) throw new Error(`duplicate attribute ${key}`);
        attrs[key] = decode(value);
      }
      const element: XmlElement = { name: match[1] ?? "", attrs, children: [], text: "" };
      if (stack.length === 1 && root.children.length > 0) throw new Error("second root element");
      top().children.push(element);
      if (match[3] !== "/") stack.push(element);
      i = openTag.lastIndex;
    } else {
      const end = xml.indexOf("<", i) < 0 ? xml.length : xml.indexOf("<", i);
      const raw = xml.slice(i, end);
      if (stack.length === 1 && raw.trim() !== "") throw new Error("text outside the root element");
      top().text += decode(raw);
      i = end;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${top().name}>`);
  const [document] = root.children;
  if (!document) throw new Error("no root element");
  return document;
}

const kids = (element: XmlElement | undefined, name: string): XmlElement[] => element?.children.filter((c) => c.name === name) ?? [];
const properties = (element: XmlElement | undefined): Record<string, string | undefined> =>
  Object.fromEntries(kids(kids(element, "properties")[0], "property").map((p) => [p.attrs.name, p.attrs.value]));

describe("renderClassJunit", () => {
  const xml = renderClassJunit(sampleClassReport());
  const document = parseXml(xml);
  const suites = kids(document, "testsuite");
  const suite = (student: string) => suites.find((s) => s.attrs.name === `labgrade: ${student}`);
  const cases = (student: string) => kids(suite(student), "testcase");
  const count = (student: string, outcome: string) => cases(student).filter((c) => kids(c, outcome).length > 0).length;

  it("is well-formed XML with one suite per student, in row order, under the class title", () => {
    expect(document.name).toBe("testsuites");
    expect(document.attrs.name).toBe("Docker lab — INF 201, autumn");
    expect(suites.map((s) => s.attrs.name)).toEqual(["labgrade: alice", "labgrade: bob", "labgrade: carol", "labgrade: dave", "labgrade: eve"]);
  });

  it("writes a testcase per step with the step's class name and points in the name", () => {
    expect(cases("alice").map((c) => c.attrs.classname)).toEqual(["labgrade.docker-engine", "labgrade.hello-world-ran", "labgrade.pythonapp-build", "labgrade.pythonapp-output"]);
    expect(cases("alice")[3]?.attrs.name).toBe("The app prints the squaring function's numbers and exits 0 (15 pts)");
    expect(properties(cases("bob")[1])).toEqual({ points: "0", maxPoints: "10" });
  });

  it("keeps the student's failures apart from labgrade's errors, per suite and in the counts", () => {
    const expected = { alice: [0, 0, 0], bob: [1, 1, 1], carol: [1, 0, 0], dave: [0, 1, 0], eve: [0, 0, 0] };
    for (const [student, [failures, errors, skipped]] of Object.entries(expected)) {
      expect([count(student, "failure"), count(student, "error"), count(student, "skipped")], student).toEqual([failures, errors, skipped]);
      expect(suite(student)?.attrs, student).toMatchObject({ failures: String(failures), errors: String(errors), skipped: String(skipped) });
    }
    expect(document.attrs).toMatchObject({ tests: "14", failures: "2", errors: "2", skipped: "1" });
  });

  it("marks each step by its status, with the step's message", () => {
    const [, failed, errored, skipped] = cases("bob");
    expect(kids(failed, "failure")[0]?.attrs).toEqual({ message: "Expected `Hello from Docker!`; found <script>alert(1)</script> in the output.", type: "failed" });
    expect(kids(errored, "error")[0]?.attrs.message).toBe("labgrade could not judge this step: The engine went away during the build: \\x1b[31mECONNRESET\\x07");
    expect(kids(skipped, "system-out")[0]?.text).toBe("The image did not build.");
  });

  it("gives a rejected row one hand-in <failure> and an error row one hand-in <error>, each with the reason", () => {
    const [rejected] = cases("carol");
    expect(cases("carol")).toHaveLength(1);
    expect(rejected?.attrs).toEqual({ classname: "labgrade.hand-in", name: "hand-in" });
    expect(kids(rejected, "failure")[0]?.attrs).toEqual({ message: "The hand-in could not be opened: The upload is not a zip archive: <script>alert(1)</script> ]]> @SUM(1)", type: "rejected" });
    const [errored] = cases("dave");
    expect(cases("dave")).toHaveLength(1);
    expect(kids(errored, "error")[0]?.attrs.message).toBe("labgrade could not grade this hand-in: labgrade failed: the Docker engine went away\\x1b]0;pwned\\x07");
    expect(kids(errored, "failure")).toHaveLength(0);
  });

  it("says why first when an error row did reach some steps", () => {
    const report = sampleClassReport();
    const [alice] = report.rows;
    if (!alice) throw new Error("sample has rows");
    const partial = { ...alice, status: "error" as const, reason: "The run was cancelled.", score: null, steps: alice.steps.slice(0, 2) };
    const [only] = kids(parseXml(renderClassJunit({ ...report, rows: [partial] })), "testsuite");
    expect(kids(only, "testcase").map((c) => c.attrs.classname)).toEqual(["labgrade.hand-in", "labgrade.docker-engine", "labgrade.hello-world-ran"]);
    expect(only?.attrs).toMatchObject({ tests: "3", errors: "1", failures: "0" });
  });

  it("records the student's details as suite properties, with a blank score when not graded", () => {
    expect(properties(suite("bob"))).toMatchObject({ student: "bob", name: "=cmd|' /C calc'!A0", status: "graded", score: "10", maxScore: "45", sameAs: "", late: "true" });
    expect(properties(suite("eve"))).toMatchObject({ name: "<script>alert(1)</script>", sameAs: "alice; =evil" });
    expect(properties(suite("carol"))).toMatchObject({ status: "rejected", score: "", maxScore: "45" });
    expect(properties(suite("dave"))).toMatchObject({ status: "error", score: "", name: "\\x1b[31mred\\x07", entry: "\tdave.zip" });
    expect(properties(suite("alice")).name).toBe("Zoë 学生");
  });

  it("names each student's lab and its digest, the row's own first (\"\" for a class graded before labs were files)", () => {
    expect(properties(suite("bob"))).toMatchObject({ lab: "", labDigest: "" });
    const report = { ...sampleClassReport(), lab: { id: "docker-compose", title: "Compose", digest: "sha256:aa" } };
    report.rows = report.rows.map((row) => (row.student === "bob" ? { ...row, lab: { id: "docker-compose", title: "Compose", digest: "sha256:bb" } } : row));
    const others = kids(parseXml(renderClassJunit(report)), "testsuite");
    const of = (student: string) => properties(others.find((s) => s.attrs.name === `labgrade: ${student}`));
    expect([of("bob").lab, of("bob").labDigest, of("alice").labDigest]).toEqual(["docker-compose", "sha256:bb", "sha256:aa"]);
  });

  it("escapes markup and keeps CDATA bodies intact", () => {
    expect(xml).not.toContain("<script");
    expect(kids(cases("dave")[0], "error")[0]?.text).toBe("labgrade failed: the Docker engine went away\\x1b]0;pwned\\x07");
    const report = sampleClassReport();
    const rows = report.rows.map((r) => (r.student === "dave" ? { ...r, reason: "a ]]> b ]]> <c/>" } : r));
    const again = parseXml(renderClassJunit({ ...report, rows }));
    expect(kids(kids(kids(again, "testsuite")[3], "testcase")[0], "error")[0]?.text).toBe("a ]] > b ]] > <c/>");
  });

  it("renders the same class byte for byte, from a fresh builder each time", () => {
    expect(renderClassJunit(sampleClassReport())).toBe(xml);
    expect(xml).toContain('timestamp="2026-11-28T21:00:00.000Z"');
  });

  it("throws on malformed XML in its own reader", () => {
    for (const bad of ["<a><b></a>", "<a x='1'/>", "<a>&bogus;</a>", "<a>\u001b</a>", "<a/><b/>", "<a>"]) expect(() => parseXml(bad), bad).toThrow();
  });
});
