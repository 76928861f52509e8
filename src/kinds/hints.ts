import { type CheckResult, failed } from "../lab/check-result.ts";
import type { ExpectKind, FindingOf, PlaceholderOf } from "./findings.ts";

/** A step's own hints from its lab file: `hint` for any failure, `hints` for one finding of its kind. */
export interface StepHints {
  hint?: string;
  hints?: Readonly<Record<string, string>>;
}

/** A kind's view of its step's hints: `kind` is never set, and types the findings and placeholders the kind may use (findings.ts). */
export type KindHints<K extends ExpectKind> = StepHints & { readonly kind?: K };

/** Values a hint may name as `{name}`: what was found, the names involved. */
export type HintVars = Readonly<Record<string, string | number | undefined>>;

/** The values a finding fills, each a placeholder findings.ts declares for it. */
export type FindingVars<K extends ExpectKind, F extends FindingOf<K>> = { readonly [P in PlaceholderOf<K, F>]?: string | number | undefined };

// `{name}` in a hint's text; `{{` and `}}` write a brace itself (a Python f-string: `print(f"{{x}}")`).
const PLACEHOLDER = /\{\{|\}\}|\{([a-z_]+)\}/g;

// The hint a finding gets: the step's hint for that finding, else its hint for any failure, else the kind's own.
// `{name}` in the lab's text is filled from `vars`; a name with no value is left as written.
export function hintFor<K extends ExpectKind, F extends FindingOf<K>>(hints: KindHints<K>, finding: F, fallback: string, vars: FindingVars<K, F> = {}): string {
  const text = hints.hints?.[finding] ?? hints.hint;
  return text === undefined ? fallback : fill(text, vars as HintVars);
}

export function fill(text: string, vars: HintVars): string {
  return text.replace(PLACEHOLDER, (whole, name: string | undefined) => {
    if (name === undefined) return whole.charAt(0);
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** The placeholders a hint's text names, each once, in order. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].flatMap((m) => (m[1] === undefined ? [] : [m[1]])))];
}

// A failed verdict whose hint the lab may replace.
export function failedWith<K extends ExpectKind, F extends FindingOf<K>>(hints: KindHints<K>, finding: F, message: string, hint: string, vars: FindingVars<K, F> = {}, details?: string): CheckResult {
  return failed(message, hintFor(hints, finding, hint, vars), details);
}
