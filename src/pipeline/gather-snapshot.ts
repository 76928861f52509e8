import type { Engine } from "../docker/connect.ts";
import { isHarnessError } from "../errors.ts";
import { collectLive } from "../evidence/collect-live.ts";
import type { Evidence } from "../evidence/evidence-file-v2.ts";
import { readEvidence } from "../evidence/evidence-file.ts";
import type { EngineSnapshot } from "../evidence/types.ts";
import type { EngineInput } from "../lab/judge.ts";
import type { LabMarks } from "../lab/lab.ts";
import { isLabContainer, wantsLogs } from "../lab/lab-container.ts";
import { version } from "../version.ts";
import { chooseEvidence, type EvidenceOption } from "./evidence-source.ts";

/** The engine steps' evidence as the judge takes it, with what a report names as its source ("live", a file, "none"). */
export interface EngineEvidence {
  input: EngineInput;
  source: string;
  /** The snapshot judged, when there is one. */
  snapshot: EngineSnapshot | null;
  /** How it was gathered: read live here, from an evidence file (kept whole, for the trust checks), or neither. */
  read: { kind: "live" } | { kind: "file"; evidence: Evidence } | { kind: "none" };
}

// The engine snapshot to grade: from an evidence file, or read live from the student's engine. `noEngine` says
// why none answered when `engine` is null: the engine steps are then not judged here.
export async function gatherSnapshot(submissionDir: string, option: EvidenceOption, engine: Engine | null, noEngine: string, marks: LabMarks): Promise<EngineEvidence> {
  const choice = await chooseEvidence(submissionDir, option);
  if (choice.kind === "read") return live(choice.snapshot);
  if (choice.kind === "missing") return missing("none", "No evidence.json was handed in, so the steps done on the engine could not be seen.");
  if (choice.kind === "file") {
    // A file the student handed in that is not evidence is their mistake; a file the caller named is not.
    if (option.kind !== "carried") return fromFile(await readEvidence(choice.path), choice.path);
    try {
      return fromFile(await readEvidence(choice.path), choice.path);
    } catch (error) {
      if (!isHarnessError(error)) throw error;
      return missing(choice.path, `The evidence.json handed in could not be read: ${error.message}`);
    }
  }
  if (!engine) return { input: { kind: "unavailable", why: noEngine }, source: "live", snapshot: null, read: { kind: "none" } };
  return live(await readLiveSnapshot(engine, marks));
}

const live = (snapshot: EngineSnapshot): EngineEvidence => ({ input: { kind: "snapshot", snapshot, source: "live" }, source: "live", snapshot, read: { kind: "live" } });
const fromFile = (evidence: Evidence, file: string): EngineEvidence => ({ input: { kind: "snapshot", snapshot: evidence.snapshot, source: "evidence-file" }, source: file, snapshot: evidence.snapshot, read: { kind: "file", evidence } });
const missing = (source: string, reason: string): EngineEvidence => ({ input: { kind: "missing", reason }, source, snapshot: null, read: { kind: "none" } });

// The engine as evidence, right now: what `labgrade collect`, grading and the walk recorder all read.
export function readLiveSnapshot(engine: Engine, marks: LabMarks): Promise<EngineSnapshot> {
  return collectLive(engine.docker, { endpoint: engine.endpoint.url, clientVersion: engine.clientVersion ?? null, labgradeVersion: version(), wantsLogs: (c) => wantsLogs(marks, c) });
}

/** The ids of the lab's containers in the evidence (what bulk grading's same-work signal compares). */
export const labContainerIds = (snapshot: EngineSnapshot | null, marks: LabMarks): string[] => snapshot?.containers.filter((c) => isLabContainer(marks, c)).map((c) => c.id) ?? [];
