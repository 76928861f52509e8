import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canvasGradebookImport, canvasReuploadMatch, readZip } from "../../testing/reports/lms-import-rules.ts";
import { fixtureStudent, handoutWithoutEvidence, writeCanvasExport } from "../../testing/class-export.ts";
import { runCli } from "../../testing/run-cli.ts";

// labgrade bulk as an instructor runs it on a Canvas export: the import files with the grades, then a rerun with
// --force after one step's points changed, which says whose grade moved.
let root: string;
let exportZip: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "lms-files-docker-"));
  exportZip = path.join(root, "canvas.zip");
  await writeCanvasExport(exportZip, [fixtureStudent("doejohn_1001_5001_lab.zip", "reference"), handoutWithoutEvidence("smithjane_LATE_1002")]);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("labgrade bulk --canvas-assignment, then --force after a rubric change", () => {
  const out = () => path.join(root, "out");
  let first: Awaited<ReturnType<typeof runCli>>;
  let second: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    first = await runCli(["bulk", exportZip, "--out", out(), "--canvas-assignment", "Lab 1 (12345)", "--concurrency", "2"]);
    await writeFile(path.join(root, "rubric.json"), JSON.stringify({ points: { "pythonapp-output": 25 } }));
    second = await runCli(["bulk", exportZip, "--out", out(), "--canvas-assignment", "Lab 1 (12345)", "--concurrency", "2", "--force", "--rubric", path.join(root, "rubric.json")]);
  }, 600_000);

  it("writes Canvas's gradebook import and feedback zip (one report a student), keyed by the export's ids", async () => {
    expect(first.exitCode, first.stderr).toBe(0);
    expect(second.exitCode, second.stderr).toBe(0);
    const imported = canvasGradebookImport(await readFile(path.join(out(), "canvas-grades.csv"), "utf8"));
    expect(imported.assignments).toMatchObject([{ id: "12345", pointsPossible: "110" }]);
    const gradebook = parse(await readFile(path.join(out(), "gradebook.csv"), "utf8"), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect([...imported.students.entries()]).toEqual(gradebook.map((g) => [Number(g.student), [g.total]]));
    const zip = await readZip(await readFile(path.join(out(), "canvas-feedback.zip")));
    const attachments = new Map([["1001", new Set(["5001"])], ["1002", new Set(["7000", "7001", "7002"])]]);
    expect([...zip.keys()].map((n) => canvasReuploadMatch(n, attachments)?.student).sort()).toEqual(["1001", "1002"]);
    expect([...zip.keys()].every((n) => n.endsWith("_labgrade-report.html")), [...zip.keys()].join(", ")).toBe(true);
  });

  it("writes changes.csv and a Changes section after the rubric change", async () => {
    const changes = parse(await readFile(path.join(out(), "changes.csv"), "utf8"), { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(changes.map((c) => [c.student, c.step, c.old_points, c.new_points])).toEqual([["1001", "pythonapp-output", "15", "25"], ["1002", "pythonapp-output", "15", "25"]]);
    expect(changes[0]!.old_rubric).not.toBe(changes[0]!.new_rubric);
    expect(await readFile(path.join(out(), "summary.html"), "utf8")).toContain("<h2>Changes</h2>");
    expect(second.stderr).toMatch(/2 students changed, 0 of them down \(changes\.csv\)/);
  });
});
