import { describe, expect, it } from "vitest";
import { extractNumbers, findRunsInOrder, findSequence, formatNumbers, interleave, sameNumbers } from "./number-sequences.ts";

const XS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const SQ = XS.map((x) => x * x);

describe("extractNumbers", () => {
  it("reads numpy arrays, lists, floats and one number a line alike", () => {
    expect(extractNumbers("[0 1 2 3] [ 0  1  4  9]")).toEqual([0, 1, 2, 3, 0, 1, 4, 9]);
    expect(extractNumbers("[0, 1, 4, 9]")).toEqual([0, 1, 4, 9]);
    expect(extractNumbers("[0. 1. 4.5 9.0]\n1e2 -3")).toEqual([0, 1, 4.5, 9, 100, -3]);
    expect(extractNumbers("0\n1\n\n4\n")).toEqual([0, 1, 4]);
  });
  it("leaves numbers glued to words alone", () => {
    expect(extractNumbers("[np.int64(0), np.int64(4)] python3.12 x2")).toEqual([0, 4]);
  });
});

describe("findSequence", () => {
  it("finds a contiguous run at or after a start", () => {
    expect(findSequence([5, 0, 1, 2], [0, 1, 2])).toBe(1);
    expect(findSequence([0, 1, 0, 1], [0, 1], 1)).toBe(2);
    expect(findSequence([0, 1, 5, 2], [0, 1, 2])).toBe(-1);
    expect(findSequence([4.0000000000001], [4])).toBe(0);
    expect(findSequence([], [1])).toBe(-1);
  });
});

describe("findRunsInOrder", () => {
  it("wants the first run, then the second after it", () => {
    expect(findRunsInOrder([...XS, ...SQ], XS, SQ)).toBe(true);
    expect(findRunsInOrder([7, ...XS, 3, ...SQ, 1], XS, SQ)).toBe(true);
    expect(findRunsInOrder([...SQ, ...XS], XS, SQ)).toBe(false);
    expect(findRunsInOrder([...XS, ...SQ.slice(0, 9)], XS, SQ)).toBe(false);
  });
});

describe("helpers", () => {
  it("interleaves pairs, compares lists, formats with a bound", () => {
    expect(interleave([0, 1, 2], [0, 1, 4])).toEqual([0, 0, 1, 1, 2, 4]);
    expect(sameNumbers([0, 1.0], [0, 1])).toBe(true);
    expect(sameNumbers([0, 1], [0, 1, 2])).toBe(false);
    expect(formatNumbers([1, 2, 3], 2)).toBe("1, 2, … (3 numbers)");
    expect(formatNumbers([1, 2])).toBe("1, 2");
  });
});
