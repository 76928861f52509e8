import { describe, expect, it } from "vitest";
import { JOURNAL_SCHEMA, type ClassRow } from "../model/class-row.ts";
import { sameWork } from "./same-work.ts";

const row = (student: string, signals: Partial<ClassRow["signals"]>): ClassRow => ({
  schema: JOURNAL_SCHEMA, student, name: "", entry: student, late: false, status: "graded", reason: null, steps: [], score: 0, maxScore: 100,
  reportDir: null, plot: null, key: "k", gradedAt: "2026-11-28T00:00:00.000Z", signals: { containerIds: [], contentHash: `hash-${student}`, handout: false, ...signals },
});

describe("sameWork", () => {
  it("links students whose evidence shows the same container, both ways", () => {
    const found = sameWork([row("a", { containerIds: ["c1", "c2"] }), row("b", { containerIds: ["c9", "c2"] }), row("c", { containerIds: ["c3"] })]);
    expect(found.get("a")).toEqual(["b"]);
    expect(found.get("b")).toEqual(["a"]);
    expect(found.get("c")).toEqual([]);
  });

  it("links byte-identical hand-ins, but not the handout's app handed in verbatim", () => {
    const found = sameWork([row("a", { contentHash: "x" }), row("b", { contentHash: "x" }), row("c", { contentHash: "h", handout: true }), row("d", { contentHash: "h", handout: true })]);
    expect(found.get("a")).toEqual(["b"]);
    expect(found.get("c")).toEqual([]);
    expect(found.get("d")).toEqual([]);
  });

  it("does not link a student to themselves when their evidence repeats a container", () => {
    expect(sameWork([row("a", { containerIds: ["c1", "c1"] })]).get("a")).toEqual([]);
  });
});
