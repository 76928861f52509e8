import type { Engine } from "../docker/connect.ts";
import { probeDockerCli } from "../docker/cli.ts";
import { isHarnessError } from "../errors.ts";
import { collectLive, snapshotWithoutEngine } from "../evidence/collect-live.ts";
import { readEvidenceFile } from "../evidence/evidence-file.ts";
import type { EngineSnapshot } from "../evidence/types.ts";
import { version } from "../version.ts";
import { chooseEvidence, type EvidenceOption } from "./evidence-source.ts";

/** The engine steps' evidence, or why the submission has none (its engine steps then fail). */
export type EngineEvidence = { snapshot: EngineSnapshot; source: string } | { snapshot: null; source: string; missing: string };

export const COLLECT_HINT = "On the machine where you did the lab, run `npx labgrade collect -o evidence.json` and hand evidence.json in with your folder.";

// The engine snapshot to grade: from an evidence file, or read live from the student's engine.
export async function gatherSnapshot(submissionDir: string, option: EvidenceOption, engine: Engine | null, env: NodeJS.ProcessEnv): Promise<EngineEvidence> {
  const choice = await chooseEvidence(submissionDir, option);
  if (choice.kind === "read") return { snapshot: choice.snapshot, source: choice.source };
  if (choice.kind === "missing") return { snapshot: null, source: "none", missing: "No evidence.json was handed in, so the steps done on the engine could not be seen." };
  if (choice.kind === "file") {
    // A file the student handed in that is not evidence is their mistake; a file the caller named is not.
    if (option.kind !== "carried") return { snapshot: await readEvidenceFile(choice.path), source: choice.path };
    try {
      return { snapshot: await readEvidenceFile(choice.path), source: choice.path };
    } catch (error) {
      if (!isHarnessError(error)) throw error;
      return { snapshot: null, source: choice.path, missing: `The evidence.json handed in could not be read: ${error.message}` };
    }
  }
  if (!engine) return { snapshot: snapshotWithoutEngine({ clientVersion: (await probeDockerCli(env)).version ?? null, labgradeVersion: version() }), source: "live" };
  return { snapshot: await readLiveSnapshot(engine), source: "live" };
}

// The engine as evidence, right now: what `labgrade collect`, grading and the walk recorder all read.
export function readLiveSnapshot(engine: Engine): Promise<EngineSnapshot> {
  return collectLive(engine.docker, { endpoint: engine.endpoint.url, clientVersion: engine.clientVersion ?? null, labgradeVersion: version() });
}
