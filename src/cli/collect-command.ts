import path from "node:path";
import type { LabgradeConfig } from "../config.ts";
import { openEngine } from "../docker/open-engine.ts";
import { writeEvidenceFile } from "../evidence/evidence-file.ts";
import { readLiveSnapshot } from "../pipeline/gather-snapshot.ts";

// `labgrade collect [-o FILE]`: the student's engine as evidence.json, for bulk grading and CI.
export async function collectCommand(options: { output?: string }, config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const engine = await openEngine(config, env);
  const snapshot = await readLiveSnapshot(engine);
  const file = path.resolve(options.output ?? "evidence.json");
  await writeEvidenceFile(file, snapshot);
  process.stdout.write(`Wrote ${file}: ${snapshot.containers.length} containers, ${snapshot.images.length} images.\n`);
  return 0;
}
