import { parseCanvasName } from "./canvas-name.ts";
import { baseName, isLitter } from "./entry-path.ts";
import { GRADESCOPE_METADATA } from "./gradescope-metadata.ts";
import type { TopEntry } from "./hand-in.ts";
import { parseMoodleName } from "./moodle-name.ts";

// Gradescope zips its export inside `assignment_<id>_export/`, and instructors often re-zip the folder an
// export unpacked into. A lone folder is such a wrapper only when what it holds reads as an LMS export: a
// single student's own folder (app.py, Dockerfile) must stay that student's hand-in.
export function isWrapperFolder(children: readonly TopEntry[]): boolean {
  const visible = children.filter((c) => !isLitter(baseName(c.path)));
  if (visible.some((c) => !c.dir && baseName(c.path) === GRADESCOPE_METADATA)) return true;
  const recognised = visible.filter((c) => parseMoodleName(baseName(c.path), c.dir) !== null || (!c.dir && parseCanvasName(baseName(c.path)) !== null));
  return recognised.length > 0 && recognised.length * 2 >= visible.length;
}
