import { accessSync, constants } from "node:fs";
import path from "node:path";

// What the offline substitutes are built with, and whether this machine could install it itself.
export interface ToolFacts {
  /** Builds the offline python image (a Debian root filesystem). */
  mmdebstrap: boolean;
  /** Compiles the offline hello-world binary (gcc or cc). */
  cc: boolean;
  /** apt-get is there: a Debian or Ubuntu machine. */
  apt: boolean;
  root: boolean;
}

// Looks the tools up on PATH the way a shell would, without running them.
export function findTools(env: NodeJS.ProcessEnv = process.env, uid: number | undefined = process.getuid?.(), canRun: (file: string) => boolean = executable): ToolFacts {
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const has = (program: string) => dirs.some((dir) => canRun(path.join(dir, program)));
  return { mmdebstrap: has("mmdebstrap"), cc: has("gcc") || has("cc"), apt: has("apt-get"), root: uid === 0 };
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
