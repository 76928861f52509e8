import path from "node:path";
import type { LabgradeConfig } from "../config.ts";
import { openEngine } from "../docker/open-engine.ts";
import { collectEvidence } from "../evidence/collect-evidence.ts";
import { wantsLogs } from "../lab/lab-container.ts";
import type { LabMarks } from "../lab/lab.ts";
import { loadLab, shippedLabIds } from "../labfile/index.ts";
import type { LabFlags } from "./lab-option.ts";
import { writeEvidenceFile } from "../evidence/evidence-file.ts";
import { version } from "../version.ts";

// `labgrade collect [-o FILE]`: the student's engine as evidence.json (format 3: the graded facts, the
// engine's documents they come from and a digest), for bulk grading and CI. It reads the output of the
// containers any shipped lab reads (and --lab's, for a lab of the course's own): a student cannot pick the wrong lab.
export async function collectCommand(options: { output?: string } & LabFlags, config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const labs = await Promise.all([...shippedLabIds(), ...(options.lab ? [options.lab] : env.LABGRADE_LAB ? [env.LABGRADE_LAB] : [])].map((ref) => loadLab(ref)));
  const marks: LabMarks[] = labs.map((lab) => lab.marks);
  const engine = await openEngine(config, env);
  const evidence = await collectEvidence(engine.docker, { endpoint: engine.endpoint.url, clientVersion: engine.clientVersion ?? null, labgradeVersion: version(), wantsLogs: (c) => marks.some((m) => wantsLogs(m, c)) });
  const file = path.resolve(options.output ?? "evidence.json");
  await writeEvidenceFile(file, evidence);
  process.stdout.write(`Wrote ${file}: ${evidence.containers.length} containers, ${evidence.images.length} images, ${evidence.volumes?.length ?? 0} volumes, ${evidence.networks?.length ?? 0} networks.\n`);
  return 0;
}
