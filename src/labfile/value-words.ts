// A value of a lab file as its author wrote it, in YAML's words: "the number 8000", "the list [A=1]", shortened.

const MOST = 40;

/** What was found, with its YAML type: `the text "ten"`, `the number 8000`, `the list [A=1, B=2]`, `nothing`. */
export function foundWords(value: unknown): string {
  if (value === undefined || value === null) return "nothing (an empty value)";
  if (typeof value === "string") return value === "" ? "an empty text" : `the text ${shorten(JSON.stringify(value))}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return `the boolean ${value}`;
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : `the list ${flow(value)}`;
  if (typeof value === "object") return Object.keys(value).length === 0 ? "an empty mapping" : `the mapping ${flow(value)}`;
  return String(value);
}

/** A value in YAML's flow style, shortened: `[A=1, B=2]`, `{ name: web }`, `"a b: c"`. */
export function flow(value: unknown, most = MOST): string {
  return shorten(render(value), most);
}

function render(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(render).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const pairs = Object.entries(value).map(([k, v]) => `${scalar(k)}: ${render(v)}`);
    return pairs.length ? `{ ${pairs.join(", ")} }` : "{}";
  }
  return scalar(value);
}

// A scalar as YAML reads it back the same: plain when it can be, else in double quotes.
function scalar(value: unknown): string {
  if (typeof value !== "string") return String(value);
  const plain = /^[A-Za-z0-9_./@=+-][A-Za-z0-9_./@=+ -]*$/.test(value) && !/ $/.test(value);
  const readsAsOther = /^(true|false|yes|no|on|off|null|~|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+)$/i.test(value);
  return plain && !readsAsOther ? value : JSON.stringify(value);
}

function shorten(text: string, most = MOST): string {
  return text.length <= most ? text : `${text.slice(0, most - 1)}…`;
}

/** A value as the items of a list, as an author who wrote one item (or several, spaced or with commas) meant. */
export function asList(value: unknown): string {
  if (typeof value === "string") return flow(value.split(/[\s,]+/).filter((w) => w !== ""));
  return flow([value]);
}
