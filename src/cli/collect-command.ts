import path from "node:path";
import type { LabgradeConfig } from "../config.ts";
import { openEngine } from "../docker/open-engine.ts";
import { collectEvidence } from "../evidence/collect-evidence.ts";
import { wantsLabLogs } from "../lab/names.ts";
import { writeEvidenceFile } from "../evidence/evidence-file.ts";
import { version } from "../version.ts";

// `labgrade collect [-o FILE]`: the student's engine as evidence.json (format 2: the graded facts, the
// engine's documents they come from and a digest), for bulk grading and CI.
export async function collectCommand(options: { output?: string }, config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const engine = await openEngine(config, env);
  const evidence = await collectEvidence(engine.docker, { endpoint: engine.endpoint.url, clientVersion: engine.clientVersion ?? null, labgradeVersion: version(), wantsLogs: wantsLabLogs });
  const file = path.resolve(options.output ?? "evidence.json");
  await writeEvidenceFile(file, evidence);
  process.stdout.write(`Wrote ${file}: ${evidence.containers.length} containers, ${evidence.images.length} images.\n`);
  return 0;
}
