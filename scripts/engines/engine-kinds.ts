import path from "node:path";

/** One engine of the matrix: a Docker version from a Debian suite, with one image store. */
export interface EngineKind {
  /** "26.1": how the table names it. */
  version: string;
  /** Where its binaries were extracted (scripts/engines/fetch-engines.sh); null: the system's own dockerd. */
  suite: string | null;
  store: "overlay2" | "containerd";
}

export const CACHE_DIR = process.env.LABGRADE_ENGINES_CACHE ?? "/var/cache/labgrade-engines";

// Docker 20.10 is Debian bookworm's (this machine's own binaries); 26.1 is trixie's and 28.5 sid's. 20.10 has
// no containerd image store.
export const ENGINE_KINDS: readonly EngineKind[] = [
  { version: "20.10", suite: null, store: "overlay2" },
  { version: "26.1", suite: "trixie", store: "overlay2" },
  { version: "26.1", suite: "trixie", store: "containerd" },
  { version: "28.5", suite: "sid", store: "overlay2" },
  { version: "28.5", suite: "sid", store: "containerd" },
];

export const kindName = (kind: EngineKind) => `${kind.version} ${kind.store}`;

export function binDir(kind: EngineKind): string | undefined {
  return kind.suite ? path.join(CACHE_DIR, kind.suite, "bin") : undefined;
}

// The daemon.json that selects the store: overlay2 is the default of a classic engine on this filesystem.
export function daemonConfig(kind: EngineKind): Record<string, unknown> {
  return kind.store === "containerd" ? { features: { "containerd-snapshotter": true } } : { "storage-driver": "overlay2" };
}
