import type { EngineSnapshot } from "./types.ts";

// Format 2 of evidence.json: format 1's facts (what the checks grade, unchanged) and the engine's own
// documents they were derived from, so that a grader can derive the facts again and see an edited one.
// Format 1 (types.ts) stays as it is and stays readable. See EVIDENCE.md.
export const EVIDENCE_SCHEMA_V2 = "labgrade.evidence/2";
// Format 3: format 2 with the engine's volumes and networks (documents and facts), each container's mounts,
// networks, environment, ports, restart policy and labels, and volume and network events. Read alike otherwise.
export const EVIDENCE_SCHEMA_V3 = "labgrade.evidence/3";

/** A JSON document as the engine sent it; readers pick fields with the helpers in raw-fields.ts. */
export type RawDocument = Record<string, unknown>;

export interface RawEvents {
  /** The window asked for (Unix seconds, as the engine's /events takes them): everything it still buffers. */
  since: string;
  until: string;
  /** In the engine's order; labgrade's and testcontainers' own containers' events left out. */
  events: RawDocument[];
  /** True when labgrade stopped reading at its bound (the engine sent more). */
  truncated: boolean;
  /** Every event the engine sent, of any type and whoever's, before any was left out: how full its buffer was (absent in older files). */
  received?: number;
}

export interface RawDocuments {
  /** /version, whole. */
  version: RawDocument;
  /** /info, only the fields that name and place the engine (ID, Name, ServerVersion, OperatingSystem, OSType, Architecture, Driver, SystemTime …). */
  info: RawDocument;
  /** GET /containers/{id}/json of each container in `containers`, in the same order. */
  containers: RawDocument[];
  /** GET /images/json (`docker image ls`): every entry, labgrade's private tags included. */
  imageList: RawDocument[];
  /** GET /images/{id}/json of each entry in `imageList`, in the same order. */
  images: RawDocument[];
  /** GET /images/{id}/history of every image that has a tag, keyed by image id. */
  history: Record<string, RawDocument[]>;
  /** GET /events?since=0&until=now. null only in files written by older labgrade, when the engine would not give them. */
  events: RawEvents | null;
  /** Format 3: GET /volumes (its `Volumes`) and GET /networks, labgrade's and testcontainers' own left out. The default
   * bridge is made anew each time the engine starts: its Created is when the engine last started (trust/engine-start.ts). */
  volumes?: RawDocument[];
  networks?: RawDocument[];
}

/** Format 2 as written to disk: format 1's fields under another schema, `raw` and `digest`. */
export interface EvidenceFileV2 extends Omit<EngineSnapshot, "schema"> {
  schema: typeof EVIDENCE_SCHEMA_V2 | typeof EVIDENCE_SCHEMA_V3;
  /** null when no engine answered (then there is nothing to derive from). */
  raw: RawDocuments | null;
  /** "sha256:" and the hex digest of the canonical serialisation of every other field (digest.ts). */
  digest: string;
}

/** What reading an evidence file gives: the facts to grade, and the raw documents when the file has them. */
export type Evidence =
  | { format: 1; snapshot: EngineSnapshot }
  | { format: 2 | 3; snapshot: EngineSnapshot; file: EvidenceFileV2 };
