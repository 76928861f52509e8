// A Dockerfile word expanded as the engine's lexer does (moby/buildkit frontend/dockerfile/shell, ProcessWord):
// quotes removed, `$VAR`, `${VAR}`, `${VAR:-word}`, `${VAR:+word}`, `${VAR?msg}`, `${VAR:?msg}` expanded.
// Forms that engine versions read differently (`${VAR-word}`, `${VAR%…}`, `${#VAR}`, `$@` …) are `unsupported`:
// the caller then leaves the word to the engine instead of guessing.
export type Expansion = { value: string; unset: string[] } | { error: string } | { unsupported: string };

class Stop extends Error {
  constructor(readonly outcome: { error: string } | { unsupported: string }) {
    super("error" in outcome ? outcome.error : outcome.unsupported);
  }
}

const fail = (error: string) => new Stop({ error });
const unsupported = (form: string) => new Stop({ unsupported: `\`${form}\` is expanded differently by different engines` });

// `unset` names the variables that were used but have no value (no ARG default, and labgrade passes no --build-arg).
export function expandWord(word: string, env: ReadonlyMap<string, string>, escape = "\\"): Expansion {
  const lexer = new Lexer(word, env, escape);
  try {
    const value = lexer.until(null);
    return { value, unset: [...lexer.unset] };
  } catch (error) {
    if (error instanceof Stop) return error.outcome;
    throw error;
  }
}

// An instruction's arguments split at unquoted blanks, quotes and escapes kept (buildkit's parseWords), as
// ARG reads `A=1 B="x y"`.
export function splitWords(text: string, escape = "\\"): string[] {
  const words: string[] = [];
  let word = "";
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (quote === null && /\s/.test(ch)) {
      if (word) words.push(word);
      word = "";
      continue;
    }
    word += ch;
    if (ch === escape && quote !== "'" && i + 1 < text.length) word += text[++i] ?? "";
    else if (quote === null && (ch === '"' || ch === "'")) quote = ch;
    else if (ch === quote) quote = null;
  }
  if (word) words.push(word);
  return words;
}

class Lexer {
  private at = 0;
  readonly unset = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly env: ReadonlyMap<string, string>,
    private readonly escape: string,
  ) {}

  // Reads up to `stop` (consumed), or to the end when stop is null.
  until(stop: string | null): string {
    let out = "";
    while (this.at < this.text.length) {
      const ch = this.next();
      if (ch === stop) return out;
      if (ch === "'") out += this.singleQuoted();
      else if (ch === '"') out += this.doubleQuoted();
      else if (ch === "$") out += this.dollar();
      else if (ch === this.escape && this.at < this.text.length) out += this.next();
      else out += ch;
    }
    if (stop !== null) throw fail("syntax error: missing '}'");
    return out;
  }

  private singleQuoted(): string {
    const end = this.text.indexOf("'", this.at);
    if (end < 0) throw fail("unexpected end of statement while looking for matching single-quote");
    const value = this.text.slice(this.at, end);
    this.at = end + 1;
    return value;
  }

  private doubleQuoted(): string {
    let out = "";
    while (this.at < this.text.length) {
      const ch = this.next();
      if (ch === '"') return out;
      if (ch === "$") out += this.dollar();
      else if (ch === this.escape && ['"', "$", this.escape].includes(this.peek())) out += this.next();
      else out += ch;
    }
    throw fail("unexpected end of statement while looking for matching double-quote");
  }

  private dollar(): string {
    if (this.peek() !== "{") {
      const name = this.name();
      if (name === "") {
        if (/[@*#?$!-]/.test(this.peek())) throw unsupported(`$${this.peek()}`);
        return "$";
      }
      return this.lookup(name);
    }
    this.next();
    if (this.peek() === "") throw fail("syntax error: missing '}'");
    if ("{}:".includes(this.peek())) throw fail("syntax error: bad substitution");
    const name = this.name();
    if (name === "") throw unsupported(`\${${this.peek()}`);
    const modifier = this.next();
    if (modifier === "" || (modifier === ":" && this.peek() === "")) throw fail("syntax error: missing '}'");
    if (modifier === "}") return this.lookup(name);
    if (modifier === "?") return this.required(name, this.until("}"), false);
    if (modifier !== ":") throw unsupported(`\${${name}${modifier}…}`);
    const kind = this.next();
    const word = ["-", "+", "?"].includes(kind) ? this.until("}") : "";
    const value = this.env.get(name) ?? "";
    if (kind === "-") return value === "" ? word : value;
    if (kind === "+") return value === "" ? "" : word;
    if (kind === "?") return this.required(name, word, true);
    throw unsupported(`\${${name}:${kind}…}`);
  }

  private required(name: string, message: string, nonEmpty: boolean): string {
    const value = this.env.get(name);
    if (value === undefined || (nonEmpty && value === "")) throw fail(`${name}: ${message || (nonEmpty ? "is not allowed to be empty" : "is not allowed to be unset")}`);
    return value;
  }

  private lookup(name: string): string {
    const value = this.env.get(name);
    if (value === undefined || value === "") this.unset.add(name);
    return value ?? "";
  }

  private name(): string {
    const match = /^(?:[0-9]+|[\p{L}_][\p{L}\p{N}_]*)/u.exec(this.text.slice(this.at));
    const name = match?.[0] ?? "";
    this.at += name.length;
    return name;
  }

  private next(): string {
    return this.text[this.at++] ?? "";
  }

  private peek(): string {
    return this.text[this.at] ?? "";
  }
}
