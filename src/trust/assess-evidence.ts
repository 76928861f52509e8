import type { Evidence } from "../evidence/evidence-file-v2.ts";
import { checkApp } from "./check-app.ts";
import { checkAttachments } from "./check-attachments.ts";
import { checkDerivedFacts } from "./check-derived.ts";
import { checkDigest } from "./check-digest.ts";
import { checkEngine } from "./check-engine.ts";
import { checkEventCoverage } from "./check-event-coverage.ts";
import { checkEvents } from "./check-events.ts";
import { checkIds } from "./check-ids.ts";
import { checkImages } from "./check-images.ts";
import { checkInspectPaths } from "./check-inspect-paths.ts";
import { checkInspectShape } from "./check-inspect-shape.ts";
import { checkLogs } from "./check-logs.ts";
import { checkTimes } from "./check-times.ts";
import { reason } from "./reason.ts";
import type { TrustContext } from "./trust-context.ts";
import type { TrustReason } from "./trust.ts";

export const FORMAT_1_NOTE = "format 1: fewer checks";

/** What an evidence file earns on its own: live and none are decided by whoever read or missed it. */
export interface EvidenceTrust {
  level: "collected" | "suspicious";
  reasons: TrustReason[];
  note?: string;
}

// How far a handed-in evidence file can be trusted, from the file alone (the class is assess-class.ts).
// Pure: the clock, the class's rules and the Dockerfile handed in come in the context.
export function assessEvidence(evidence: Evidence, context: TrustContext): EvidenceTrust {
  if (evidence.format === 1) {
    if (context.requireFormat === 2) {
      return verdict([reason("format-too-old", "The evidence is in format 1 (labgrade.evidence/1), which holds none of the engine's documents, and this class requires format 2. Ask the student to run `labgrade collect` again with a current labgrade.")], FORMAT_1_NOTE);
    }
    return { level: "collected", reasons: [], note: FORMAT_1_NOTE };
  }
  const file = evidence.file;
  const reasons = [
    ...checkDigest(file),
    ...checkDerivedFacts(file),
    ...checkIds(file),
    ...checkTimes(file, context),
    ...checkImages(file),
    ...checkLogs(file),
    ...checkEngine(file),
    ...checkEvents(file, context.lab),
    ...checkEventCoverage(file, context.lab),
    ...checkInspectShape(file),
    ...checkInspectPaths(file),
    ...checkAttachments(file),
    ...checkApp(file, context.dockerfile, context.lab),
  ];
  return verdict(reasons);
}

function verdict(reasons: TrustReason[], note?: string): EvidenceTrust {
  const unique = reasons.filter((r, i) => reasons.findIndex((o) => o.code === r.code && o.message === r.message) === i);
  return { level: unique.length > 0 ? "suspicious" : "collected", reasons: unique, ...(note ? { note } : {}) };
}
