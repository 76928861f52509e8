import { describe, expect, it } from "vitest";
import { Budget, DEFAULT_LIMITS, ratioProblem } from "./budget.ts";
import { MiB } from "./sizes.ts";

describe("Budget", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({ maxTotalBytes: 200 * MiB, maxFiles: 5000, maxFileBytes: 100 * MiB, maxRatio: 200, maxDepth: 3 });
    expect(new Budget().limits).toEqual(DEFAULT_LIMITS);
  });

  it("counts a file once however many chunks it is charged in", () => {
    const budget = new Budget({ maxFiles: 2 });
    expect(budget.charge("/d/a", 0)).toBeNull();
    expect(budget.charge("/d/a", 10)).toBeNull();
    expect(budget.charge("/d/a", 5)).toBeNull();
    expect(budget.charge("/d/b", 0)).toBeNull();
    expect(budget.files).toBe(2);
    expect(budget.bytes).toBe(15);
    expect(budget.charge("/d/c", 0)).toBe("more than 2 files and folders");
  });

  it("stops one file at maxFileBytes", () => {
    const budget = new Budget({ maxFileBytes: 1 * MiB });
    expect(budget.charge("/d/a", MiB)).toBeNull();
    expect(budget.charge("/d/a", 1)).toBe("more than 1 MB uncompressed in one file");
    expect(budget.charge("/d/b", MiB)).toBeNull();
  });

  it("stops the total at maxTotalBytes, across files, and keeps saying so", () => {
    const budget = new Budget({ maxTotalBytes: 2 * MiB });
    expect(budget.charge("/one/a", MiB)).toBeNull();
    expect(budget.charge("/two/a", MiB)).toBeNull();
    expect(budget.charge("/two/b", 1)).toBe("more than 2 MB uncompressed in all");
    expect(budget.charge("/two/c", 0)).toBe("more than 2 MB uncompressed in all");
  });
});

describe("ratioProblem", () => {
  it("lets small files compress as well as they like", () => {
    expect(ratioProblem(DEFAULT_LIMITS, MiB, 10)).toBeNull();
  });

  it("refuses a large entry that expands more than maxRatio times", () => {
    expect(ratioProblem(DEFAULT_LIMITS, 300 * MiB, 300 * 1024)).toBe(
      "expands 1024 times (300 MB from 0.3 MB compressed); files over 1 MB may expand at most 200 times",
    );
    expect(ratioProblem(DEFAULT_LIMITS, 2 * MiB, 0)).toMatch(/^expands 2097152 times/);
  });

  it("accepts a large entry at or below maxRatio", () => {
    expect(ratioProblem(DEFAULT_LIMITS, 200 * MiB, MiB)).toBeNull();
  });
});
