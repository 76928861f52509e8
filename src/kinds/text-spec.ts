// What a text (a container's output, an app's stdout, an HTTP body) must hold: a phrase, or a match of a
// regular expression (JavaScript syntax, as the lab file writes it).
export interface TextSpec {
  contains?: string;
  matches?: string;
}

export function textHolds(text: string, spec: TextSpec): boolean {
  if (spec.contains !== undefined && !text.includes(spec.contains)) return false;
  if (spec.matches !== undefined && !new RegExp(spec.matches, "m").test(text)) return false;
  return true;
}

// The words a message uses for the spec: `hold "Hello from Docker!"` (to …), `holds "…"` (whose output …).
export function textWanted(spec: TextSpec, form: "hold" | "holds"): string {
  const [hold, match] = form === "hold" ? ["hold", "match"] : ["holds", "matches"];
  return [...(spec.contains !== undefined ? [`${hold} "${spec.contains}"`] : []), ...(spec.matches !== undefined ? [`${match} /${spec.matches}/`] : [])].join(" and ");
}

// What it printed, in a pass message: `printed "Hello from Docker!"`.
export function textPrinted(spec: TextSpec): string {
  return [...(spec.contains !== undefined ? [`printed "${spec.contains}"`] : []), ...(spec.matches !== undefined ? [`printed a match of /${spec.matches}/`] : [])].join(" and ");
}

// "a", "a and b", "a, b and c".
export function joinAnd(parts: readonly string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}
