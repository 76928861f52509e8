import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, expect, it } from "vitest";
import { fixtureStudent, handoutWithoutEvidence, writeCanvasExport } from "../../testing/class-export.ts";
import { captureOutput } from "../../testing/lms/capture-output.ts";
import { type FakeCanvas, startFakeCanvas } from "../../testing/lms/fake-canvas.ts";
import { gradeExport } from "../../testing/lms/graded-class.ts";
import { pushCommand } from "./push-command.ts";

const BIN = fileURLToPath(new URL("../../bin/labgrade.js", import.meta.url));
const TOKEN = "7~ResumeToken";
let root: string;
let canvas: FakeCanvas;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "push-resume-"));
  // Progresses that never finish until the test says so: the push is killed while Canvas works on its first batch.
  canvas = await startFakeCanvas({ token: TOKEN, course: 7, assignment: { id: 12345, name: "Lab 1", pointsPossible: 100 }, students: [1001, 1002, 1003, 1004].map((userId) => ({ userId, name: `Student ${userId}` })), pollsToComplete: 1_000_000 });
});
afterAll(async () => {
  await canvas.close();
  await rm(root, { recursive: true, force: true });
});

it("a push killed while Canvas works on a batch goes on where it stopped: no grade or comment sent twice", async () => {
  const zip = path.join(root, "canvas.zip");
  await writeCanvasExport(zip, [fixtureStudent("leeann_1001_5001_lab.zip", "reference"), fixtureStudent("wubo_1002_5002_lab.zip", "no-pip-line"), fixtureStudent("diazcy_1003_5003_lab.zip", "curly-quotes", "never-started"), handoutWithoutEvidence("foxdi_1004")]);
  const out = path.join(root, "class");
  await gradeExport(zip, out);
  const args = ["push", "canvas", out, "--url", canvas.url, "--course", "7", "--assignment", "12345", "--yes", "--batch-size", "2"];
  const child = execa("node", [BIN, ...args], { env: { ...process.env, CANVAS_TOKEN: TOKEN }, reject: false });
  // kill -9 as the first batch's Progress is polled: its grades went out, and the push never saw them taken.
  canvas.onRequest = (line) => {
    if (line.startsWith("GET /api/v1/progress/")) child.kill("SIGKILL");
  };
  const killed = await child;
  canvas.onRequest = null;
  expect(killed.signal).toBe("SIGKILL");
  const journal = (await readFile(path.join(out, "push-canvas.jsonl"), "utf8")).trim().split("\n").map((l) => JSON.parse(l) as { phase: string; user: string });
  expect(journal.filter((e) => e.phase === "sent").map((e) => e.user)).toEqual(["1001", "1002"]);
  expect(journal.filter((e) => e.phase === "done")).toEqual([]);

  canvas.setPollsToComplete(1);
  const resumed = await captureOutput(() => pushCommand("canvas", out, { url: canvas.url, course: "7", assignment: "12345", yes: true, batchSize: 2 }, { CANVAS_TOKEN: TOKEN }, new AbortController().signal, { sleep: async () => {} }));
  expect(resumed.result).toBe(0);
  expect(resumed.stderr).toMatch(/A push stopped halfway had sent 2 grades \(progress \d+\): Canvas says completed; they are not sent again\./);
  expect(resumed.stdout).toContain("2 to push, 2 already in Canvas");
  expect([1001, 1002, 1003, 1004].map((u) => canvas.submission(u).score)).toEqual([100, 95, 90, 40]);
  for (const user of [1001, 1002, 1003, 1004]) expect(canvas.comments(user), String(user)).toHaveLength(1);
  expect(canvas.requests.filter((r) => r.line.endsWith("/update_grades"))).toHaveLength(2);
}, 60_000);
