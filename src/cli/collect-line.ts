import path from "node:path";
import type { Lab } from "../lab/lab.ts";
import { LABS_DIR, labFolder } from "../labfile/index.ts";

// What a student types to hand in a lab's evidence. `--lab` always: without it, collect records the output of the
// shipped labs' containers only, and a lab of the course's own loses its `logs` steps.
export function collectCommandFor(labRef: string): string {
  return `npx labgrade collect --lab ${labRef} -o evidence.json`;
}

// How a student names the lab on their machine: a shipped lab by its id; the course's own by its folder, which
// the course hands out (labgrade cannot know where students keep it).
export function studentLabRef(lab: Pick<Lab, "id" | "file">): string {
  const folder = path.resolve(labFolder(lab));
  return folder.startsWith(path.resolve(LABS_DIR) + path.sep) ? lab.id : `path/to/${path.basename(folder)}`;
}
