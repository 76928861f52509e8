import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../intake/archive/index.ts";
import { listClass } from "../intake/list-class.ts";
import { HANDOUT_FILES } from "../../testing/lab/lab-steps.ts";
import { ENGINE_STEP_IDS, APP_STEP_IDS, DEFAULT_STEPS } from "../../testing/lab/lab-steps.ts";
import type { ClassRow, SuspiciousPolicy } from "../model/class-row.ts";
import { renderGradebook } from "../reports/class-gradebook.ts";
import { renderClassJunit } from "../reports/class-junit.ts";
import { renderClassSummary } from "../reports/class-summary-html.ts";
import { EVIDENCE_REVIEWED } from "../reports/evidence-words.ts";
import { studentFeedback } from "../reports/student-feedback.ts";
import type { AppBuilder, AppRunner } from "../runners/app-runner.ts";
import { fakeGrader, okRun } from "../../testing/fake-grader.ts";
import { FIXTURES, handoutWalk } from "../../testing/fixtures.ts";
import { REASON_CODES } from "../trust/reason-codes.ts";
import { classReport } from "./class-report.ts";
import { gradeClass } from "./grade-class.ts";
import { JOURNAL_FILE, readJournal } from "./journal.ts";

// A class of genuine and forged evidence, graded as bulk grades it (the class layer for real, apps faked):
// ana and cy collected theirs on one engine (a shared lab machine: a signal, not suspicious alone), bo edited
// a container's name in the facts, dee gave mycontainer a TTY in the facts only, eli hands in format 1.
const CLASS: Record<string, string> = {
  ana: "evidence-v2/genuine/full-walk",
  bo: "evidence-v2/forged/name-in-facts",
  cy: "evidence-v2/genuine/images-kept",
  dee: "evidence-v2/forged/tty-in-facts",
  eli: "evidence/full-walk",
};
const SUSPICIOUS = ["bo", "dee"];
const CODES = Object.keys(REASON_CODES);

let root: string;
let rows: ClassRow[];
const builder: AppBuilder = { build: async () => ({ ok: true, log: "", durationMs: 1 }) };
const runner: AppRunner = { run: async () => okRun() };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "class-trust-test-"));
  for (const [student, fixture] of Object.entries(CLASS)) {
    const dir = path.join(root, "class", student);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "app.py"), HANDOUT_FILES["app.py"]!);
    const dockerfile = path.join(FIXTURES, fixture, "Dockerfile");
    await copyFile(dockerfile, path.join(dir, "Dockerfile")).catch(() => writeFile(path.join(dir, "Dockerfile"), HANDOUT_FILES.Dockerfile!));
    await copyFile(path.join(fixture.startsWith("evidence/") ? handoutWalk(fixture.slice("evidence/".length)) : path.join(FIXTURES, fixture), "evidence.json"), path.join(dir, "evidence.json"));
  }
  const classDir = path.join(root, "class");
  rows = await gradeClass({
    exportPath: classDir, listing: await listClass(classDir), outDir: path.join(root, "out"), grader: fakeGrader(builder, runner), concurrency: 2, limits: DEFAULT_LIMITS,
    force: false, retries: 0, gradeTimeoutMs: 30_000, signal: new AbortController().signal,
  });
});
afterAll(() => rm(root, { recursive: true, force: true }));

const report = (suspicious: SuspiciousPolicy = "keep") => classReport(rows, DEFAULT_STEPS, { title: "trust", generatedAt: new Date("2026-12-05T00:00:00Z"), suspicious });
const gradebook = (suspicious: SuspiciousPolicy = "keep") => new Map((parse(renderGradebook(report(suspicious)), { columns: true, bom: true }) as Array<Record<string, string>>).map((r) => [r.student!, r]));
const mentionsACode = (text: string) => CODES.filter((code) => text.includes(code));

describe("a class with genuine and forged evidence", () => {
  it("keeps each student's own trust in the journal's row, and the points as judged", () => {
    const byStudent = new Map(rows.map((r) => [r.student, r]));
    expect(byStudent.get("ana")?.trust).toEqual({ level: "collected", reasons: [] });
    expect(byStudent.get("eli")?.trust).toEqual({ level: "collected", reasons: [], note: "format 1: fewer checks" });
    expect(byStudent.get("bo")?.trust?.level).toBe("suspicious");
    expect(byStudent.get("bo")?.steps.find((s) => s.id === "mycontainer-created")).toMatchObject({ status: "passed", points: 10 });
    expect(byStudent.get("ana")?.signals.evidence?.engineId).toMatch(/^XOTJ:/);
  });

  it("the journal keeps the trust and the class signals: a class reported from it reads the same", async () => {
    const journal = await readJournal(path.join(root, "out", JOURNAL_FILE));
    const fromJournal = classReport(journal.rows.values(), DEFAULT_STEPS, { title: "trust", generatedAt: new Date("2026-12-05T00:00:00Z") });
    expect(renderGradebook(fromJournal)).toBe(renderGradebook(report()));
  });

  it("gradebook.csv: the level and every reason; a shared engine alone is listed but leaves the evidence collected", () => {
    const book = gradebook();
    expect(Object.fromEntries([...book].map(([s, r]) => [s, r.evidence]))).toEqual({ ana: "collected", bo: "suspicious", cy: "collected", dee: "suspicious", eli: "collected" });
    expect(book.get("ana")!.evidence_reasons).toMatch(/^class-shared-engine: The same Docker engine \(id XOTJ:PKRR:DE7B…\) collected the evidence of ana, bo, cy, dee\./);
    expect(book.get("bo")!.evidence_reasons!.split("\n").map((l) => l.split(":")[0]!)).toEqual(expect.arrayContaining(["fact-mismatch", "digest-mismatch", "class-shared-engine"]));
    expect(book.get("eli")!.evidence_reasons).toBe("note: format 1: fewer checks");
    // keep: the points stay as judged; the row is flagged.
    expect(book.get("bo")).toMatchObject({ status: "graded", total: "100", "mycontainer-created": "10" });
  });

  it("summary.html lists every suspicious student with the reasons, before anything else on the page", () => {
    const html = renderClassSummary(report());
    const section = html.indexOf("Suspicious evidence: 2 students");
    expect(section).toBeGreaterThan(0);
    expect(section).toBeLessThan(html.indexOf(`<ul class="counts">`));
    expect(section).toBeLessThan(html.indexOf("<h2>Steps</h2>"));
    const list = html.slice(section, html.indexOf("</ol>", section));
    expect([...list.matchAll(/<li><code>([a-z]+)<\/code>/g)].map((m) => m[1])).toEqual(SUSPICIOUS);
    expect(list).toContain("<code>fact-mismatch</code>");
    // The shared engine, alone, is a signal apart from the suspicious list.
    const signals = html.slice(html.indexOf("Signals, not suspicious by themselves"), html.indexOf("</section>"));
    expect([...signals.matchAll(/<li><code>([a-z]+)<\/code>/g)].map((m) => m[1])).toEqual(["ana", "cy"]);
  });

  it("junit.xml carries the level and each reason as properties of the student's suite", () => {
    const xml = renderClassJunit(report());
    const suite = (student: string) => xml.slice(xml.indexOf(`name="labgrade: ${student}"`), xml.indexOf("</testsuite>", xml.indexOf(`name="labgrade: ${student}"`)));
    expect(suite("bo")).toContain(`<property name="evidence" value="suspicious"/>`);
    expect(suite("bo")).toMatch(/<property name="evidenceReason" value="fact-mismatch: [^"]+"\/>/);
    expect(suite("eli")).toContain(`<property name="evidenceNote" value="format 1: fewer checks"/>`);
    expect(suite("ana")).toContain(`<property name="evidence" value="collected"/>`);
  });

  it("--suspicious review holds the engine steps: empty cells, no total, status review; the app steps stay", () => {
    const book = gradebook("review");
    for (const student of SUSPICIOUS) {
      const row = book.get(student)!;
      expect(row.status).toBe("review");
      expect(row.total).toBe("");
      for (const id of ENGINE_STEP_IDS) expect(row[id]).toBe("");
      for (const id of APP_STEP_IDS) expect(row[id]).not.toBe("");
    }
    expect(book.get("ana")).toMatchObject({ status: "graded", total: "100" });
    const xml = renderClassJunit(report("review"));
    expect(xml).not.toMatch(/labgrade could not grade this hand-in/);
    expect(renderClassSummary(report("review"))).toContain("held for your review");
  });

  it("--suspicious zero gives the engine steps 0, and the total is the app's", () => {
    const book = gradebook("zero");
    const bo = book.get("bo")!;
    for (const id of ENGINE_STEP_IDS) expect(bo[id]).toBe("0");
    expect(bo.total).toBe(String(DEFAULT_STEPS.filter((s) => s.kind === "app").reduce((a, s) => a + s.points, 0)));
    expect(bo.status).toBe("graded");
    expect(book.get("ana")!.total).toBe("100");
  });

  it("what a student reads says their evidence will be reviewed, never a reason or a check", async () => {
    const out = path.join(root, "out", "students");
    for (const policy of ["keep", "review", "zero"] as const) {
      for (const row of report(policy).rows.filter((r) => SUSPICIOUS.includes(r.student))) {
        const feedback = studentFeedback(row);
        expect(feedback).toContain(EVIDENCE_REVIEWED.slice(1));
        expect(mentionsACode(feedback)).toEqual([]);
        expect(gradebook(policy).get(row.student)!.feedback).toBe(feedback);
      }
    }
    const studentPage = (await readFile(path.join(out, "bo", "student-report.html"), "utf8")).split("</style>")[1]!;
    expect(studentPage).toContain(EVIDENCE_REVIEWED);
    expect(mentionsACode(studentPage)).toEqual([]);
    expect(studentPage).not.toMatch(/suspicious/i);
  });

  it("the instructor's copy of each student's report and results.json show the level and the reasons", async () => {
    const out = path.join(root, "out", "students");
    const page = await readFile(path.join(out, "bo", "report.html"), "utf8");
    expect(page).toContain("<h2>Evidence: suspicious</h2>");
    expect(page).toContain("<code>fact-mismatch</code>");
    const results = JSON.parse(await readFile(path.join(out, "bo", "results.json"), "utf8")) as { extra_data: { trust: { level: string; reasons: Array<{ code: string }> } } };
    expect(results.extra_data.trust.level).toBe("suspicious");
    expect(results.extra_data.trust.reasons.map((r) => r.code)).toContain("fact-mismatch");
    expect(await readFile(path.join(out, "ana", "report.html"), "utf8")).toContain("<h2>Evidence: collected</h2>");
  });
});
