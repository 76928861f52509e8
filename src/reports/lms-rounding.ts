// Points in an LMS's own scale, rounded the way the LMS shows them: half away from zero at its decimal places.
// Moodle shows a grade with format_float(), PHP's round(), which first rounds the binary value to 15 significant
// digits (so 1.005 is 1.01, not 1.00); Canvas shows and exports a score with I18n.n(precision: 2), a BigDecimal
// ROUND_HALF_UP of the decimal value (gradebook_importer.rb compares scores at that precision). Both amount to
// rounding the decimal number, which labgrade does here in exact integer arithmetic rather than in binary floating
// point: 33.5 of 100 scaled to 3 is 1.005, which both LMSs show as 1.01 and Math.round would make 1.

interface Fraction {
  num: bigint;
  den: bigint;
}

// A number as the decimal it prints as, to 15 significant digits (PHP's pre-rounding; drops 0.1 + 0.2's noise).
function decimal(value: number): Fraction {
  if (!Number.isFinite(value)) throw new Error(`Expected a finite number of points, got ${value}.`);
  const [mantissa = "0", exponent = "0"] = value.toPrecision(15).split("e");
  const negative = mantissa.startsWith("-");
  const [whole = "0", fraction = ""] = mantissa.replace("-", "").split(".");
  let num = BigInt(whole + fraction) * (negative ? -1n : 1n);
  let den = 10n ** BigInt(fraction.length);
  const shift = Number(exponent);
  if (shift > 0) num *= 10n ** BigInt(shift);
  else den *= 10n ** BigInt(-shift);
  return { num, den };
}

// score × lmsMax ÷ rubricMax, rounded half away from zero at `decimals` places.
export function scaledPoints(score: number, rubricMax: number, lmsMax: number, decimals: number): number {
  const [s, r, m] = [decimal(score), decimal(rubricMax), decimal(lmsMax)];
  if (r.num === 0n) throw new Error("Expected a rubric with points to scale from; its total is 0.");
  let num = s.num * m.num * r.den * 10n ** BigInt(decimals);
  let den = s.den * m.den * r.num;
  if (den < 0n) [num, den] = [-num, -den];
  const magnitude = (2n * (num < 0n ? -num : num) + den) / (2n * den);
  const rounded = num < 0n ? -magnitude : magnitude;
  return Number(`${rounded}e-${decimals}`);
}

export function roundAsLms(value: number, decimals: number): number {
  return scaledPoints(value, 1, 1, decimals);
}
