// Every kind of expectation a lab file's `expect` may name, with the findings it reports: the keys a step's `hints`
// replaces the hint of, each with the placeholders (`{name}`) it fills in a hint's text. The kinds' checks are typed
// against this table (hints.ts), so a finding a check reports is declared here, and lab files are held to it.
export const FINDINGS = {
  engine: { missing: [] },
  // `name` is filled when the step names its container; `run` is the command that makes it.
  container: {
    missing: ["name", "found", "image", "run"],
    image: ["name", "found", "image", "run"],
    flags: ["name", "found", "image", "run"],
    mounts: ["name", "found", "image", "run"],
    networks: ["name", "found", "image", "run"],
    env: ["name", "found", "image", "run"],
    ports: ["name", "found", "image", "run"],
    restart: ["name", "found", "image", "run"],
    "not-collected": ["name", "found", "image", "run"],
    "not-started": ["name", "found", "image", "run"],
    exit: ["name", "found", "image", "run"],
    state: ["name", "found", "image", "run"],
    logs: ["name", "found", "image", "run"],
  },
  image: { missing: ["tag", "found"], "near-miss": ["tag", "found"], tagged: ["tag", "tags", "found"], unused: ["tag"] },
  volume: { missing: ["name", "found"], present: ["name"], driver: ["name"], unused: ["name"] },
  network: { missing: ["name", "found"], present: ["name"], driver: ["name"], internal: ["name"], "container-missing": ["name", "container"], "not-attached": ["name", "container"] },
  compose: { none: [], project: ["project"], services: ["project"], running: ["project", "service"], scaled: ["project"], "depends-on": ["project", "service"], volumes: ["project", "volume"] },
  dockerfile: { missing: [], name: [], folders: [], from: [], pip: [], copy: [], command: [], expose: [] },
  build: { missing: [], name: [], folders: [], failed: ["error"] },
  run: { "not-run": [], timeout: [], processes: [], memory: [], exit: ["code"], slow: [], phrase: ["phrase"], match: [], numbers: [], files: ["path"] },
  plot: { "not-run": [], none: [], mismatch: [], title: [], xlabel: [], ylabel: [], line: [] },
  compose_file: { missing: [], unreadable: [], services: [], "depends-on": [], "named-volume": [], builds: [] },
  compose_up: { missing: [], empty: [], build: ["service"], refused: ["service"], "not-started": ["service"], memory: ["service"], exited: ["service"] },
  http: { "not-started": ["service", "url"], "not-asked": ["service", "url"], exited: ["service", "url"], "no-answer": ["service", "url"], status: ["service", "url"], body: ["service", "url"] },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type ExpectKind = keyof typeof FINDINGS;
/** The findings of a kind, by the key a lab's `hints` names them with. */
export type FindingOf<K extends ExpectKind> = keyof (typeof FINDINGS)[K] & string;
/** The placeholders a finding fills in a hint's text. */
export type PlaceholderOf<K extends ExpectKind, F extends FindingOf<K>> = ((typeof FINDINGS)[K][F] extends readonly (infer P)[] ? P : never) & string;

export const EXPECT_KINDS = Object.keys(FINDINGS) as ExpectKind[];

/** The findings of a kind and the placeholders each fills, for a lab file's problems; null for a name that is no kind. */
export function findingsOf(kind: string): ReadonlyMap<string, readonly string[]> | null {
  return Object.hasOwn(FINDINGS, kind) ? new Map(Object.entries(FINDINGS[kind as ExpectKind])) : null;
}
