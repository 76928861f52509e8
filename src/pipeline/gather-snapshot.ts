import type { Engine } from "../docker/connect.ts";
import { probeDockerCli } from "../docker/cli.ts";
import { collectLive, snapshotWithoutEngine } from "../evidence/collect-live.ts";
import { readEvidenceFile } from "../evidence/evidence-file.ts";
import type { EngineSnapshot } from "../evidence/types.ts";
import { version } from "../cli/version.ts";
import { chooseEvidence } from "./evidence-source.ts";

// The engine snapshot to grade: from an evidence file, or read live from the student's engine.
export async function gatherSnapshot(submissionDir: string, option: string | undefined, engine: Engine | null, env: NodeJS.ProcessEnv): Promise<{ snapshot: EngineSnapshot; source: string }> {
  const choice = await chooseEvidence(submissionDir, option);
  if (choice.kind === "file") {
    return { snapshot: await readEvidenceFile(choice.path), source: choice.path };
  }
  if (!engine) return { snapshot: snapshotWithoutEngine({ clientVersion: (await probeDockerCli(env)).version ?? null, labgradeVersion: version() }), source: "live" };
  return { snapshot: await readLiveSnapshot(engine), source: "live" };
}

// The engine as evidence, right now: what `labgrade collect`, grading and the walk recorder all read.
export function readLiveSnapshot(engine: Engine): Promise<EngineSnapshot> {
  return collectLive(engine.docker, { endpoint: engine.endpoint.url, clientVersion: engine.clientVersion ?? null, labgradeVersion: version() });
}
