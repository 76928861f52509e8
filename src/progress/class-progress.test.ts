import { describe, expect, it } from "vitest";
import { createClassProgress } from "./class-progress.ts";

function logStream() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (text: string) => (lines.push(...text.split("\n").filter(Boolean)), true) } as unknown as NodeJS.WriteStream;
  return { lines, stream };
}

describe("class progress in a log", () => {
  it("prints a line per student with done/total, problems so far and the time left", () => {
    const { lines, stream } = logStream();
    let clock = 0;
    const progress = createClassProgress({ stream, now: () => clock });
    progress.planned(4, 1);
    clock = 10_000;
    progress.finished({ student: "alice", status: "graded", score: 90, maxScore: 100, reused: null });
    clock = 20_000;
    progress.finished({ student: "bob", status: "error", score: null, maxScore: 100, reused: null });
    progress.finished({ student: "carol", status: "graded", score: 100, maxScore: 100, reused: "journal" });
    expect(lines[0]).toBe("grading 4 submissions (1 already graded in this folder's journal)");
    expect(lines[1]).toBe("[1/4] alice: 90/100 — no problems, about 30s left");
    expect(lines[2]).toBe("[2/4] bob: error — 1 error, about 20s left");
    expect(lines[3]).toBe("[3/4] carol: 100/100 (journal) — 1 error, about 10s left");
  });
});
