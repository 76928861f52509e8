import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sampleReport } from "../../testing/reports/sample-report.ts";
import { DEFAULT_REPORTERS, writeReports } from "./write-reports.ts";

const made: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-reports-"));
  made.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

describe("writeReports", () => {
  it("writes junit.xml, results.json and report.html, creating the folder", async () => {
    const outDir = path.join(await tempDir(), "reports", "alice");
    const { written, failures } = await writeReports(sampleReport(), outDir);
    expect(failures).toEqual([]);
    expect(written.map((f) => path.basename(f))).toEqual(["junit.xml", "results.json", "report.html"]);
    expect((await readdir(outDir)).sort()).toEqual(["junit.xml", "report.html", "results.json"]);
    expect(JSON.parse(await readFile(path.join(outDir, "results.json"), "utf8"))).toMatchObject({ score: 10 });
  });

  it("keeps the other files when one reporter throws, and removes that one's stale file", async () => {
    const outDir = await tempDir();
    await writeFile(path.join(outDir, "junit.xml"), "from the previous grade");
    const broken = { file: "junit.xml", render: () => { throw new Error("boom"); } };
    const reporters = [broken, ...DEFAULT_REPORTERS.filter((r) => r.file !== "junit.xml")];
    const { written, failures } = await writeReports(sampleReport(), outDir, reporters);
    expect(failures).toEqual([{ file: path.join(outDir, "junit.xml"), error: "boom" }]);
    expect(written.map((f) => path.basename(f))).toEqual(["results.json", "report.html"]);
    expect((await readdir(outDir)).sort()).toEqual(["report.html", "results.json"]);
  });
});
