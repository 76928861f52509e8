import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JOURNAL_SCHEMA, type ClassRow } from "../model/class-row.ts";
import { countedRow } from "./counted-row.ts";
import { appendJournal, readJournal } from "./journal.ts";

const row = (status: ClassRow["status"], key: string, at: string): ClassRow => ({
  schema: JOURNAL_SCHEMA, student: "a", name: "", entry: "a", late: false, status, reason: null, steps: [], score: status === "graded" ? 80 : null, maxScore: 100,
  reportDir: null, plot: null, key, gradedAt: `2026-12-01T10:00:0${at}.000Z`, signals: { containerIds: [], contentHash: "", handout: false },
});

let dir: string;
beforeEach(async () => void (dir = await mkdtemp(path.join(os.tmpdir(), "counted-row-test-"))));
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("countedRow", () => {
  it("takes the newer row, whatever order they come in", () => {
    const [old, now] = [row("graded", "k1", "1"), row("graded", "k2", "2")];
    expect(countedRow(old, now)).toBe(now);
    expect(countedRow(now, old)).toBe(now);
  });

  it("never lets labgrade's own failure hide a judged row of the same work, or of work it never read", () => {
    const graded = row("graded", "k1", "1");
    expect(countedRow(graded, row("error", "k1", "2"))).toBe(graded);
    expect(countedRow(row("error", "", "3"), graded)).toBe(graded);
  });

  it("lets an error on new work stand over the old work's grade (that grade is for other work)", () => {
    const error = row("error", "k2", "2");
    expect(countedRow(row("graded", "k1", "1"), error)).toBe(error);
  });
});

describe("readJournal with rows of two runs interleaved", () => {
  it("counts the graded row over an older error appended after it, and keeps each key's newest row for resume", async () => {
    const file = path.join(dir, "journal.jsonl");
    // Two runs on one folder: the first run's graded row, the second's, then the first's retry that failed.
    await appendJournal(file, row("graded", "k1", "1"));
    await appendJournal(file, row("graded", "k1", "3"));
    await appendJournal(file, row("error", "k1", "2"));
    const { rows, byKey } = await readJournal(file);
    expect(rows.get("a")).toMatchObject({ status: "graded", gradedAt: "2026-12-01T10:00:03.000Z" });
    expect(byKey.get("a")?.get("k1")).toMatchObject({ status: "graded", gradedAt: "2026-12-01T10:00:03.000Z" });
  });
});
