import type { EvidenceFact } from "../lab/trust-level.ts";
import type { ReasonCode } from "./reason-codes.ts";

/** Every kind of fact: what a reason about the file as a whole doubts. */
export const EVERY_FACT: readonly EvidenceFact[] = ["engine", "containers", "logs", "images", "volumes", "networks"];
const ALL = [...EVERY_FACT];
const STATE: EvidenceFact[] = ["containers", "logs", "images", "volumes", "networks"];

// What each reason puts in doubt, unless the place that finds it says more precisely: then this is the widest its
// finders go. A fact-mismatch on an image doubts the images, on a volume the volumes, on the engine the engine; a
// volume or network with no create event doubts the volumes or networks, a container the containers; an id or a time
// doubts the container or image it belongs to. A reason about the file as a whole doubts every fact; the events
// vouch for the engine's state (containers, images, volumes, networks), never for its version.
export const REASON_TOUCHES: Readonly<Record<ReasonCode, EvidenceFact[]>> = {
  "format-too-old": ALL,
  "raw-missing": ALL,
  "raw-malformed": ALL,
  "fact-mismatch": ALL,
  "digest-mismatch": ALL,
  "id-malformed": ["containers", "images"],
  "id-duplicate": ["containers", "images"],
  "id-mismatch": ["containers", "images"],
  "time-order": ["containers"],
  "time-after-collection": ["containers", "images"],
  "collected-in-future": ALL,
  "time-outside-window": STATE,
  "image-unknown": ["containers", "images"],
  "logs-mismatch": ["containers", "logs"],
  "hello-world-output": ["logs"],
  "engine-version-api": ["engine"],
  "engine-inconsistent": ALL,
  "engine-arch": ["engine", "logs", "images"],
  "events-missing-create": ["containers", "volumes", "networks"],
  "events-missing-removal": ["images"],
  "events-contradict": ["containers"],
  "events-missing": STATE,
  "events-dropped": STATE,
  "inspect-shape": ["containers"],
  "inspect-paths": ["containers"],
  "attachments-contradict": ["containers", "volumes", "networks"],
  "app-not-built-from-dockerfile": ["images"],
  "class-shared-engine": ALL,
  "class-same-containers": ["containers", "logs"],
  "class-copied-edited": ["containers", "logs"],
  "class-shared-layer": ["images"],
  "class-same-rw-layer": ["containers", "logs"],
  "class-same-timing": ["containers", "logs"],
};
