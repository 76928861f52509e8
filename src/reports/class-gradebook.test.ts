import { describe, expect, it } from "vitest";
import { renderGradebook } from "./class-gradebook.ts";
import { sampleClassReport } from "../../testing/reports/class-sample-report.ts";

// csv-parse is not installed: a strict RFC 4180 reader (quoted fields, doubled quotes, CRLF records) that throws on
// anything it cannot read, so a malformed gradebook fails the test instead of parsing into something plausible.
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"' && text[i + 1] !== '"') break;
        if (text[i] === '"') i++;
        field += text[i];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") {
        if (text[i] === '"') throw new Error(`bare quote at ${i}`);
        field += text[i++];
      }
    }
    fields.push(field);
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text.startsWith("\r\n", i)) i += 2;
    else if (i < text.length) throw new Error(`expected a delimiter at ${i}, found ${JSON.stringify(text[i])}`);
    records.push(fields);
    fields = [];
    if (i >= text.length) return records;
  }
}

describe("renderGradebook", () => {
  const csv = renderGradebook(sampleClassReport());
  const [header = [], ...rows] = parseCsv(csv.replace(/^\uFEFF/, ""));
  const byStudent = new Map(rows.map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
  const cell = (student: string, column: string) => byStudent.get(student)?.[column];

  it("starts with a UTF-8 BOM, ends every record with CRLF and has no bare LF between records", () => {
    expect(csv.startsWith("\uFEFFstudent,")).toBe(true);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("has the fixed columns around one column per step, named by step id in rubric order", () => {
    expect(header).toEqual(["student", "name", "entry", "late", "status", "docker-engine", "hello-world-ran", "pythonapp-build", "pythonapp-output", "total", "max", "same_as", "evidence", "evidence_reasons", "reason", "feedback", "rubric", "labgrade", "lab"]);
    expect(rows.map((r) => r[0])).toEqual(["alice", "bob", "carol", "dave", "eve"]);
    for (const r of rows) expect(r).toHaveLength(header.length);
  });

  it("writes the points of judged steps, 0 for a failed one, and blanks for steps that were not judged", () => {
    expect(["docker-engine", "hello-world-ran", "pythonapp-build", "pythonapp-output"].map((id) => cell("alice", id))).toEqual(["10", "10", "10", "15"]);
    expect(cell("bob", "docker-engine")).toBe("10");
    expect(cell("bob", "hello-world-ran")).toBe("0");
    expect(cell("bob", "pythonapp-build")).toBe("");
    expect(cell("bob", "pythonapp-output")).toBe("");
    for (const student of ["carol", "dave"]) for (const id of ["docker-engine", "pythonapp-output"]) expect(cell(student, id)).toBe("");
  });

  it("leaves total blank, never 0, when a row was not graded, and keeps the max", () => {
    expect(cell("alice", "total")).toBe("45");
    expect(cell("bob", "total")).toBe("10");
    expect(cell("carol", "total")).toBe("");
    expect(cell("dave", "total")).toBe("");
    expect(cell("dave", "max")).toBe("45");
  });

  it("writes late as yes or blank, the status, the same-work ids and the reason", () => {
    expect(cell("bob", "late")).toBe("yes");
    expect(cell("alice", "late")).toBe("");
    expect(rows.map((r) => r[4])).toEqual(["graded", "graded", "rejected", "error", "graded"]);
    expect(cell("alice", "same_as")).toBe("eve");
    expect(cell("carol", "reason")).toBe("The upload is not a zip archive: <script>alert(1)</script> ]]> @SUM(1)");
    expect(cell("alice", "reason")).toBe("");
  });

  it("prefixes a ' to every text cell a spreadsheet would read as a formula", () => {
    expect(cell("bob", "name")).toBe("'=cmd|' /C calc'!A0");
    expect(cell("bob", "entry")).toBe(`'=HYPERLINK("http://x")`);
    expect(cell("carol", "name")).toBe("'-2+3");
    expect(cell("carol", "entry")).toBe("'+carol.rar");
    expect(cell("dave", "entry")).toBe("'\tdave.zip");
    expect(cell("eve", "same_as")).toBe("alice; =evil");
    for (const r of rows) for (const value of r) expect(value).not.toMatch(/^[\s\u00a0]*[=+\-@\uff1d\uff0b\uff0d\uff20]/);
  });

  it("catches formulas behind leading blanks and full-width signs, but leaves numbers and plain text alone", () => {
    const report = sampleClassReport();
    const [first] = report.rows;
    if (!first) throw new Error("sample has rows");
    const names = [" =1+1", "\u00a0@SUM(A1)", "\uff1d1+1", "-", "Zoë 学生", "O'Brien", "plain - text"];
    const parsed = names.map((name) => parseCsv(renderGradebook({ ...report, rows: [{ ...first, name }] }).slice(1))[1]?.[1]);
    expect(parsed).toEqual(["' =1+1", "'\u00a0@SUM(A1)", "'\uff1d1+1", "'-", "Zoë 学生", "O'Brien", "plain - text"]);
    const negative = parseCsv(renderGradebook({ ...report, rows: [{ ...first, score: -5 }] }).slice(1))[1];
    expect(negative?.[header.indexOf("total")]).toBe("-5");
  });

  it("shows control characters as visible codes and keeps non-ASCII names as they are", () => {
    expect(cell("dave", "name")).toBe("\\x1b[31mred\\x07");
    expect(cell("alice", "name")).toBe("Zoë 学生");
    // eslint-disable-next-line no-control-regex
    expect(csv).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/);
  });

  it("quotes a multi-line reason so it stays one record", () => {
    const report = sampleClassReport();
    const rows = report.rows.map((r) => (r.student === "carol" ? { ...r, reason: "line one\nline two, with a comma" } : r));
    const parsed = parseCsv(renderGradebook({ ...report, rows }).slice(1));
    expect(parsed).toHaveLength(6);
    expect(parsed[3]?.[header.indexOf("reason")]).toBe("line one\nline two, with a comma");
  });

  it("writes each student's feedback as the LMS files carry it, and the rubric and version that graded the row", () => {
    const rows = sampleClassReport().rows.map((r) => (r.student === "alice" ? { ...r, rubric: "sha256:aaaaaaaaaaaa", labgrade: "0.1.0" } : r));
    const parsed = parseCsv(renderGradebook({ ...sampleClassReport(), rows }).slice(1));
    const alice = parsed.find((r) => r[0] === "alice")!;
    expect(alice[header.indexOf("feedback")]).toBe("Score: 45 / 45.\nEvery step passed.\nThe full report is attached to this grade as labgrade-report.html.");
    expect(alice[header.indexOf("rubric")]).toBe("sha256:aaaaaaaaaaaa");
    expect(alice[header.indexOf("labgrade")]).toBe("0.1.0");
    expect(parsed.find((r) => r[0] === "bob")![header.indexOf("rubric")]).toBe("");
    expect(alice[header.indexOf("lab")]).toBe("");
    const compose = parseCsv(renderGradebook({ ...sampleClassReport(), lab: { id: "docker-compose", title: "Compose", digest: "sha256:aa" } }).slice(1));
    expect(compose.find((r) => r[0] === "alice")![header.indexOf("lab")]).toBe("docker-compose");
  });

  it("leaves the evidence columns empty for rows graded before labgrade recorded trust, and escapes the reasons like the rest", () => {
    const rows = sampleClassReport().rows.map((r) => (r.student === "alice" ? { ...r, trust: { level: "suspicious" as const, reasons: [{ code: "fact-mismatch", message: "=cmd|' /C calc'!A0, \"quoted\"\nsecond line" }] } } : r));
    const parsed = parseCsv(renderGradebook({ ...sampleClassReport(), rows }).slice(1));
    const alice = parsed.find((r) => r[0] === "alice")!;
    expect(alice[header.indexOf("evidence")]).toBe("suspicious");
    expect(alice[header.indexOf("evidence_reasons")]).toBe("fact-mismatch: =cmd|' /C calc'!A0, \"quoted\"\nsecond line");
    expect(parsed.find((r) => r[0] === "bob")!.slice(header.indexOf("evidence"), header.indexOf("evidence") + 2)).toEqual(["", ""]);
  });

  it("writes only the header for an empty class", () => {
    expect(parseCsv(renderGradebook({ ...sampleClassReport(), rows: [] }).slice(1))).toHaveLength(1);
  });
});
