import { describe, expect, it } from "vitest";
import { roundAsLms, scaledPoints } from "./lms-rounding.ts";

describe("rounding as the LMS shows a grade", () => {
  // PHP's manual for round() (php.net/round): 3.4 → 3, 3.5 → 4, -3.5 → -4, 1.95583 → 1.96, 5.045 → 5.05, 5.055 → 5.06.
  // Moodle's format_float() is round($float, $decimalpoints) (lib/moodlelib.php).
  it("rounds as PHP's round() does, the examples of its manual", () => {
    expect([roundAsLms(3.4, 0), roundAsLms(3.5, 0), roundAsLms(-3.5, 0), roundAsLms(1.95583, 2), roundAsLms(5.045, 2), roundAsLms(5.055, 2)]).toEqual([3, 4, -4, 1.96, 5.05, 5.06]);
  });

  // Ruby: BigDecimal("1.005").round(2, :half_up) is 1.01; Canvas's I18n.n(score, precision: 2) rounds that way.
  it("rounds the decimal value, where binary floating point would round the other way", () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1); // the trap
    expect(roundAsLms(1.005, 2)).toBe(1.01);
    expect(scaledPoints(33.5, 100, 3, 2)).toBe(1.01); // 1.005 exactly
    expect(Math.round(((8.5 * 15) / 100) * 100) / 100).toBe(1.27); // the trap again: 1.2749999999999999
    expect(scaledPoints(8.5, 100, 15, 2)).toBe(1.28); // 1.275 exactly
  });

  it("agrees with exact integer arithmetic over a class's worth of scores and maxima", () => {
    // Scores in half points and maxima in half points: score·2 and max·2 are integers, the exact result is
    // (score·2)(max·2)/(4·rubric), and half away from zero at d places is floor((2·x·10^d + 1)/2)/10^d for x ≥ 0.
    for (const max of [10, 15, 20, 30, 7, 12.5, 3, 150]) {
      for (let half = 0; half <= 200; half++) {
        const score = half / 2;
        for (const d of [0, 1, 2]) {
          const num = BigInt(half) * BigInt(max * 2) * 10n ** BigInt(d);
          const den = 4n * 100n;
          const expected = Number((2n * num + den) / (2n * den)) / 10 ** d;
          expect(scaledPoints(score, 100, max, d), `${score}/100 → ${max} at ${d}`).toBeCloseTo(expected, 10);
        }
      }
    }
  });

  it("keeps a whole score whole and never scales from nothing", () => {
    expect(scaledPoints(85, 100, 10, 2)).toBe(8.5);
    expect(scaledPoints(100, 100, 10, 2)).toBe(10);
    expect(() => scaledPoints(5, 0, 10, 2)).toThrow(/total is 0/);
  });
});
