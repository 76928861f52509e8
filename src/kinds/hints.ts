import { type CheckResult, failed } from "../lab/check-result.ts";

/** A step's own hints from its lab file: `hint` for any failure, `hints` for one finding of its kind. */
export interface StepHints {
  hint?: string;
  hints?: Readonly<Record<string, string>>;
}

/** Values a hint may name as `{name}`: what was found, the names involved. */
export type HintVars = Readonly<Record<string, string | number | undefined>>;

// The hint a finding gets: the step's hint for that finding, else its hint for any failure, else the kind's own.
// `{name}` in the lab's text is filled from `vars`; a name with no value is left as written.
export function hintFor(hints: StepHints, finding: string, fallback: string, vars: HintVars = {}): string {
  const text = hints.hints?.[finding] ?? hints.hint;
  return text === undefined ? fallback : fill(text, vars);
}

export function fill(text: string, vars: HintVars): string {
  return text.replace(/\{([a-z_]+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

// A failed verdict whose hint the lab may replace.
export function failedWith(hints: StepHints, finding: string, message: string, hint: string, vars: HintVars = {}, details?: string): CheckResult {
  return failed(message, hintFor(hints, finding, hint, vars), details);
}
