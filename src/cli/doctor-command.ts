import type { LabgradeConfig } from "../config.ts";
import { assess, isReady } from "../doctor/assess.ts";
import { gatherFacts } from "../doctor/gather.ts";
import { renderFindings } from "../doctor/render.ts";
import { labImage } from "../images/lab-images.ts";
import { type LabFlags, labFrom } from "./lab-option.ts";

export interface DoctorOptions extends LabFlags {
  json?: boolean;
}

// `labgrade doctor`: exit 0 when ready to grade, 1 otherwise.
export async function doctorCommand(options: DoctorOptions, config: LabgradeConfig, out: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const lab = await labFrom(options, env);
  const findings = assess(await gatherFacts(config, lab.images.map(labImage), env));
  const ready = isReady(findings);
  out.write(options.json ? JSON.stringify({ ready, findings }, null, 2) + "\n" : renderFindings(findings, ready));
  return ready ? 0 : 1;
}
