// The ledger a run's BuildKit build-cache janitor (build-cache.ts) keeps in the temp folder: what the engine
// had before the run, the run's start by the engine's clock, and the records the run made.

export const LEDGER_PREFIX = "labgrade-buildcache-";
/** A ledger whose run closed leaving records another run held: swept by a later run. */
export const CLOSED_SUFFIX = ".closed.txt";

export interface Ledger {
  /** The run's start by the engine's clock (ms); 0 in a closed ledger. */
  since: number;
  skew: number;
  before: string[];
  made: string[];
}

// A format line, `since <ms> <skew>`, then `before <id>` and `made <id>` lines; a torn last line is skipped.
export function ledgerText(l: Ledger): string {
  return ["labgrade.buildcache-ledger/1", `since ${l.since} ${l.skew}`, ...l.before.map((id) => `before ${id}`), ...l.made.map((id) => `made ${id}`)].map((line) => `${line}\n`).join("");
}

export function parseLedger(text: string): Ledger {
  const ledger: Ledger = { since: 0, skew: 0, before: [], made: [] };
  for (const line of text.split("\n")) {
    const [kind, a = "", b = ""] = line.split(" ");
    if (kind === "since") Object.assign(ledger, { since: Number(a) || 0, skew: Number(b) || 0 });
    else if ((kind === "before" || kind === "made") && RECORD_ID.test(a)) ledger[kind].push(a);
  }
  return ledger;
}

// BuildKit's record ids are short base-32 words; anything else in a ledger is not ours to pass to a filter.
const RECORD_ID = /^[a-z0-9]{10,64}$/;
export const ledgerPid = (name: string) => Number(name.slice(LEDGER_PREFIX.length).split("-")[0]);

