import type { Command } from "commander";
import type { Lab } from "../lab/lab.ts";
import { DEFAULT_LAB, loadLab } from "../labfile/index.ts";

export interface LabFlags {
  /** `--lab ID|PATH`: a shipped lab's id, or a lab file (or the folder holding its lab.yaml). */
  lab?: string;
}

// `--lab ID|PATH`, on every command that grades or reads for a lab.
export function withLabOption(command: Command): Command {
  return command.option("--lab <id|path>", `the lab: a shipped lab's id (\`labgrade labs\` lists them) or your own lab file (default: LABGRADE_LAB, else ${DEFAULT_LAB})`);
}

// The lab a command works on: --lab, else LABGRADE_LAB, else the Docker installation lab.
export function labFrom(options: LabFlags, env: NodeJS.ProcessEnv = process.env): Promise<Lab> {
  return loadLab(options.lab ?? (env.LABGRADE_LAB || DEFAULT_LAB));
}
