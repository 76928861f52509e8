// Compare numbers, not formatting: numpy's `[ 0  1  4]`, a list's `[0, 1, 4]`, `4.0`, `4.` and one number a
// line all read as the same numbers.

// A number not glued to a word, so `int64` in `np.int64(4)` or `3.12` in `python3.12` are not read as data.
const NUMBER = /(?<![\w.])-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w])/g;

export function extractNumbers(text: string): number[] {
  return [...text.matchAll(NUMBER)].map((m) => Number(m[0])).filter((n) => Number.isFinite(n));
}

// Where `expected` first appears as a contiguous run in `numbers` at or after `from`; -1 when it does not.
export function findSequence(numbers: readonly number[], expected: readonly number[], from = 0, tolerance = 1e-9): number {
  for (let start = from; start + expected.length <= numbers.length; start++) {
    if (expected.every((e, i) => Math.abs((numbers[start + i] ?? Number.NaN) - e) <= tolerance)) return start;
  }
  return -1;
}

// `first` as a run, then `second` as a run after it.
export function findRunsInOrder(numbers: readonly number[], first: readonly number[], second: readonly number[]): boolean {
  for (let at = findSequence(numbers, first); at >= 0; at = findSequence(numbers, first, at + 1)) {
    if (findSequence(numbers, second, at + first.length) >= 0) return true;
  }
  return false;
}

// Pairs printed a row at a time: `0 0`, `1 1`, `2 4`, …
export function interleave(xs: readonly number[], ys: readonly number[]): number[] {
  return xs.flatMap((x, i) => [x, ys[i] ?? Number.NaN]);
}

export function sameNumbers(found: readonly number[], expected: readonly number[], tolerance = 1e-9): boolean {
  return found.length === expected.length && expected.every((e, i) => Math.abs((found[i] ?? Number.NaN) - e) <= tolerance);
}

export function formatNumbers(numbers: readonly number[], limit = 12): string {
  const shown = numbers.slice(0, limit).join(", ");
  return numbers.length > limit ? `${shown}, … (${numbers.length} numbers)` : shown;
}

// Each sequence as a run, each after the one before it (two sequences: findRunsInOrder).
export function findChain(numbers: readonly number[], sequences: readonly (readonly number[])[], from = 0): boolean {
  const [first, ...rest] = sequences;
  if (!first) return true;
  for (let at = findSequence(numbers, first, from); at >= 0; at = findSequence(numbers, first, at + 1)) {
    if (findChain(numbers, rest, at + first.length)) return true;
  }
  return false;
}

// Rows of one number from each sequence: `0 0`, `1 1`, `2 4`, … (two sequences: interleave).
export function zipSequences(sequences: readonly (readonly number[])[]): number[] {
  const length = Math.min(...sequences.map((s) => s.length));
  return Array.from({ length }, (_, i) => sequences.map((s) => s[i] ?? Number.NaN)).flat();
}
