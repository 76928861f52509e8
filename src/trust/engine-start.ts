import type { RawDocuments } from "../evidence/evidence-file-v2.ts";
import { parseTime } from "./parse-time.ts";
import { text } from "./raw-fields.ts";

// When the engine last started, from its documents: a Docker engine removes its default `bridge` network and makes
// it again each time it starts (moby's initBridgeDriver), so that network's Created is the start. null when the
// file holds no networks (older files) or the engine has no default bridge (--bridge=none, Podman).
export function engineStartedAt(raw: Pick<RawDocuments, "networks">): number | null {
  const bridge = (raw.networks ?? []).find((n) => text(n, "Name") === "bridge" && text(n, "Driver") === "bridge");
  return parseTime(text(bridge, "Created"));
}
