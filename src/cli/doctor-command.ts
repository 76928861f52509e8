import type { LabgradeConfig } from "../config.ts";
import { assess, isReady } from "../doctor/assess.ts";
import { gatherFacts } from "../doctor/gather.ts";
import { renderFindings } from "../doctor/render.ts";

export interface DoctorOptions {
  json?: boolean;
}

// `labgrade doctor`: exit 0 when ready to grade, 1 otherwise.
export async function doctorCommand(options: DoctorOptions, config: LabgradeConfig, out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const findings = assess(await gatherFacts(config));
  const ready = isReady(findings);
  out.write(options.json ? JSON.stringify({ ready, findings }, null, 2) + "\n" : renderFindings(findings, ready));
  return ready ? 0 : 1;
}
