import { describe, expect, it } from "vitest";
import { inShard, parseShard } from "./shard.ts";

describe("parseShard", () => {
  it("reads K/N", () => expect(parseShard("2/4")).toEqual({ index: 2, count: 4 }));
  it.each(["0/4", "5/4", "2", "a/b", "1/0", "-1/3"])("refuses %s, saying what it expected", (raw) => {
    expect(() => parseShard(raw)).toThrow(/Expected --shard K\/N with 1 ≤ K ≤ N/);
  });
});

describe("inShard", () => {
  const students = Array.from({ length: 500 }, (_, i) => `student-${i}`);
  it("puts each student in exactly one of N shards", () => {
    for (const count of [1, 2, 3, 7]) {
      for (const s of students) {
        const hits = Array.from({ length: count }, (_, i) => inShard(s, { index: i + 1, count })).filter(Boolean);
        expect(hits).toHaveLength(1);
      }
    }
  });
  it("spreads a class roughly evenly, and the same way every time", () => {
    const sizes = [1, 2, 3, 4].map((index) => students.filter((s) => inShard(s, { index, count: 4 })).length);
    for (const size of sizes) expect(size).toBeGreaterThan(90);
    expect(students.filter((s) => inShard(s, { index: 1, count: 4 }))).toEqual(students.filter((s) => inShard(s, { index: 1, count: 4 })));
  });
});
