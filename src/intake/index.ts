export { parseCanvasName, type CanvasName } from "./canvas-name.ts";
export { originalUploadName, restoreUploadNames } from "./canvas-reupload.ts";
export { classroomPrefix } from "./classroom-prefix.ts";
export { GRADESCOPE_METADATA, isGradescopeFolder, parseGradescopeMetadata, type GradescopeSubmission } from "./gradescope-metadata.ts";
export type { ClassListing, ExportKind, HandIn, Lms } from "./hand-in.ts";
export { listClass } from "./list-class.ts";
export { materialize, type Materialized } from "./materialize.ts";
export { parseMoodleName, type MoodleName } from "./moodle-name.ts";
