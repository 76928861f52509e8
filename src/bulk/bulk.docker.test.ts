import { readdirSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LABEL_MANAGED } from "../docker/labels.ts";
import { type ClassStudent, fixtureStudent, handoutWithoutEvidence, writeCanvasExport } from "../../testing/class-export.ts";
import { testEngine } from "../../testing/engine.ts";
import { engineState, leftSince, NOTHING_LEFT } from "../../testing/engine-state.ts";
import { runCli } from "../../testing/run-cli.ts";
import { JOURNAL_FILE, readJournal } from "./journal.ts";

// A Canvas export of per-student zips: one app that never exits, the handout's app three times (once with
// no evidence.json, as flat files), and two students' mistakes. Canvas ids: the hanging one sorts first.
const CLASS: Record<string, ClassStudent> = {
  "1001": fixtureStudent("aardvarkann_LATE_1001_5001_lab.zip", "sleeps-forever"),
  "1002": fixtureStudent("brownbob_1002_5002_lab.zip", "reference"),
  "1003": fixtureStudent("chencarol_1003_5003_lab.zip", "reference", "never-started"),
  "1004": fixtureStudent("diazdan_1004_5004_lab.zip", "curly-quotes"),
  "1005": fixtureStudent("evanseve_1005_5005_lab.zip", "no-pip-line"),
  "1006": handoutWithoutEvidence("fongfay_1006"),
};

type Row = Record<string, string>;
let root: string;
let exportZip: string;
const out = (name: string) => path.join(root, name);
const gradebook = async (dir: string): Promise<Row[]> => parse(await readFile(path.join(dir, "gradebook.csv"), "utf8"), { columns: true, bom: true }) as Row[];
const bulk = (outDir: string, ...args: string[]) => runCli(["bulk", exportZip, "--out", outDir, "--concurrency", "2", ...args]);

async function leftovers() {
  const { docker } = await testEngine();
  const filters = { label: [`${LABEL_MANAGED}=true`] };
  const containers = await docker.listContainers({ all: true, filters });
  const images = (await docker.listImages({ filters })).filter((i) => !(i.RepoTags ?? []).some((t) => t.startsWith("labgrade/lab-")));
  return { containers: containers.length, images: images.length, temp: readdirSync(os.tmpdir()).filter((n) => n.startsWith("labgrade-build-")).length };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "bulk-docker-test-"));
  exportZip = path.join(root, "canvas-export.zip");
  await writeCanvasExport(exportZip, Object.values(CLASS));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("labgrade bulk on a Canvas export of per-student zips", () => {
  let first: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    first = await bulk(out("class"));
  });

  it("gives every student the verdicts their work and evidence call for, and a complete gradebook", async () => {
    expect(first.exitCode, first.stderr).toBe(0);
    const rows = await gradebook(out("class"));
    expect(rows.map((r) => r.student)).toEqual(Object.keys(CLASS));
    const { rows: journal } = await readJournal(path.join(out("class"), JOURNAL_FILE));
    for (const [id, s] of Object.entries(CLASS)) {
      const statuses = Object.fromEntries(journal.get(id)!.steps.map((step) => [step.id, step.status]));
      expect(statuses, id).toEqual(s.expected);
    }
    expect(rows.find((r) => r.student === "1001")).toMatchObject({ name: "aardvarkann", late: "yes", status: "graded" });
  });

  it("never judges a submission without evidence.json from this machine's engine", async () => {
    const row = (await gradebook(out("class"))).find((r) => r.student === "1006")!;
    expect(row["docker-engine"]).toBe("0");
    expect(row["pythonapp-output"]).toBe("15");
  });

  it("puts in the gradebook exactly the points of each student's own results.json", async () => {
    for (const row of await gradebook(out("class"))) {
      const { rows } = await readJournal(path.join(out("class"), JOURNAL_FILE));
      const results = JSON.parse(await readFile(path.join(out("class"), rows.get(row.student!)!.reportDir!, "results.json"), "utf8")) as { score: number; tests: Array<{ name: string; score: number }> };
      expect(Number(row.total)).toBe(results.score);
      expect(results.tests.reduce((sum, t) => sum + t.score, 0)).toBe(results.score);
    }
  });

  it("builds the handout's app once for the three students who hand it in", () => {
    expect(first.stderr.match(/same app as another student/g)).toHaveLength(2);
  });

  it("finishes the other five while the hanging app runs to its limit", async () => {
    const lines = (await readFile(path.join(out("class"), JOURNAL_FILE), "utf8")).trim().split("\n");
    expect((JSON.parse(lines.at(-1)!) as { student: string }).student).toBe("1001");
  });

  it("leaves no container, image or temp folder of its own behind", async () => {
    expect(await leftovers()).toEqual({ containers: 0, images: 0, temp: 0 });
  });

  it("regrades nothing on a rerun of a finished class", async () => {
    const again = await bulk(out("class"));
    expect(again.exitCode, again.stderr).toBe(0);
    expect(again.stderr).toContain("6 already graded");
    expect(again.stderr.match(/\(journal\)/g)).toHaveLength(6);
  });

  it("grades the same class in two shards whose merge equals the unsharded gradebook", async () => {
    const shards = await Promise.all([bulk(out("shard-1"), "--shard", "1/2", "--concurrency", "1"), bulk(out("shard-2"), "--shard", "2/2", "--concurrency", "1")]);
    for (const s of shards) expect(s.exitCode, s.stderr).toBe(0);
    const [one, two] = [await gradebook(out("shard-1")), await gradebook(out("shard-2"))];
    expect([...one, ...two].map((r) => r.student).sort()).toEqual(Object.keys(CLASS));
    expect(one.filter((r) => two.some((t) => t.student === r.student))).toEqual([]);
    const merged = await runCli(["merge", out("shard-1"), out("shard-2"), "--out", out("merged")]);
    expect(merged.exitCode, merged.stderr).toBe(0);
    const strip = (rows: Row[]) => rows.map(({ same_as: _ignored, ...rest }) => rest);
    expect(strip(await gradebook(out("merged")))).toEqual(strip(await gradebook(out("class"))));
    expect((await gradebook(out("merged"))).map((r) => r.same_as)).toEqual((await gradebook(out("class"))).map((r) => r.same_as));
  });
});

describe("labgrade bulk killed with SIGKILL mid-class", () => {
  it("goes on where it stopped: nothing finished is graded again, the gradebook is complete, nothing is left behind", async () => {
    const dir = out("killed");
    const journalFile = path.join(dir, JOURNAL_FILE);
    const before = await engineState();
    const child = execa("node", [path.resolve("bin/labgrade.js"), "bulk", exportZip, "--out", dir, "--concurrency", "1", "--timeout", "5"], { reject: false, env: { FORCE_COLOR: "0" } });
    const deadline = Date.now() + 240_000;
    let finished: string[] = [];
    while (Date.now() < deadline) {
      finished = [...(await readJournal(journalFile)).rows.keys()];
      if (finished.length >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    child.kill("SIGKILL");
    await child;
    expect(finished.length).toBeGreaterThanOrEqual(2);
    expect(finished.length).toBeLessThan(6);
    const rerun = await runCli(["bulk", exportZip, "--out", dir, "--concurrency", "1", "--timeout", "5"]);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    const lines = (await readFile(journalFile, "utf8")).trim().split("\n").map((l) => (JSON.parse(l) as { student: string }).student);
    for (const student of finished) expect(lines.filter((s) => s === student), student).toHaveLength(1);
    expect((await gradebook(dir)).map((r) => r.status)).toEqual(Array(6).fill("graded"));
    expect(await leftovers()).toEqual({ containers: 0, images: 0, temp: 0 });
    // Nor an unlabelled layer of the build that was running when it was killed (the step the engine
    // committed after the kill is found through its parent, which the killed run's ledger names).
    expect(await leftSince(before)).toEqual(NOTHING_LEFT);
  });
});
