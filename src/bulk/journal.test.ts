import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JOURNAL_SCHEMA, type ClassRow } from "../model/class-row.ts";
import { appendJournal, readJournal, renderJournal } from "./journal.ts";

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(path.join(os.tmpdir(), "journal-test-"))));
afterEach(() => rm(dir, { recursive: true, force: true }));

const row = (student: string, score: number): ClassRow => ({
  schema: JOURNAL_SCHEMA, student, name: "", entry: student, late: false, status: "graded", reason: null, steps: [], score, maxScore: 100,
  reportDir: null, plot: null, key: `k-${student}`, gradedAt: "2026-11-28T00:00:00.000Z", signals: { containerIds: [], contentHash: "", handout: false },
});

describe("the journal", () => {
  it("reads back what was appended, the newest row of a student winning", async () => {
    const file = path.join(dir, "journal.jsonl");
    await appendJournal(file, row("a", 10));
    await appendJournal(file, row("b", 20));
    await appendJournal(file, row("a", 90));
    const { rows, skipped } = await readJournal(file);
    expect([...rows.keys()].sort()).toEqual(["a", "b"]);
    expect(rows.get("a")?.score).toBe(90);
    expect(skipped).toBe(0);
  });

  it("skips a line torn by a crash and rows of an unknown schema, keeping the rest", async () => {
    const file = path.join(dir, "journal.jsonl");
    await appendJournal(file, row("a", 10));
    await appendFile(file, JSON.stringify({ ...row("z", 1), schema: "labgrade.journal/99" }) + "\n");
    await appendFile(file, JSON.stringify(row("b", 20)).slice(0, 40));
    const { rows, skipped } = await readJournal(file);
    expect([...rows.keys()]).toEqual(["a"]);
    expect(skipped).toBe(2);
  });

  it("is empty when there is none yet", async () => {
    expect((await readJournal(path.join(dir, "missing.jsonl"))).rows.size).toBe(0);
  });

  it("renders whole lines that read back the same", async () => {
    const file = path.join(dir, "j.jsonl");
    await appendFile(file, renderJournal([row("a", 1), row("b", 2)]));
    expect((await readFile(file, "utf8")).split("\n")).toHaveLength(3);
    expect((await readJournal(file)).rows.get("b")?.score).toBe(2);
  });
});
