import type { DockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import type { Lab } from "../lab/lab.ts";
import type { Trust } from "../lab/trust-level.ts";
import { assessEvidence } from "../trust/assess-evidence.ts";
import { trustLab } from "../trust/trust-context.ts";
import type { EngineEvidence } from "./gather-snapshot.ts";

/** The class's rules for evidence files: `--require-evidence 2` and `--window START..END`. */
export interface TrustOptions {
  requireFormat?: 1 | 2;
  window?: { start: Date; end: Date };
}

// The one place a grade's trust is decided, from the evidence as it was gathered: an engine read during this
// grade (locally, DOCKER_HOST or SSH) is live; an evidence file is as far as its checks trust it, the hand-in's
// Dockerfile included; nothing handed in, or nothing here to judge from, is none.
export function gradeTrust(gathered: EngineEvidence, dockerfile: DockerfileFacts | null, options: TrustOptions, now: Date, lab: Pick<Lab, "marks" | "app">): Trust {
  const { read } = gathered;
  if (read.kind === "live") return { level: "live", reasons: [] };
  if (read.kind === "none") return { level: "none", reasons: [] };
  return assessEvidence(read.evidence, { now, lab: trustLab(lab), dockerfile, ...(options.requireFormat ? { requireFormat: options.requireFormat } : {}), ...(options.window ? { window: options.window } : {}) });
}
