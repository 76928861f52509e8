import type { EngineSnapshot } from "../../evidence/types.ts";
import { PYTHON } from "../../images/lab-images.ts";
import { type CheckResult, failed, passed } from "./check-result.ts";
import { isImageRef, shortRef } from "../names.ts";

// `docker image rm python -f` only untags when pythonapp is built on it: the layers stay, and that is right.
const LAYERS_NOTE = "pythonapp keeping python's layers is fine: this step checks tags, not image ids";

// python-image-removed: no image is tagged python on the student's engine.
export function checkPythonImageRemoved(snapshot: EngineSnapshot): CheckResult {
  const tags = snapshot.images.flatMap((image) => image.tags).filter((tag) => isImageRef(tag, PYTHON.name));
  if (tags.length === 0) return passed(`Found no image tagged python (${LAYERS_NOTE}).`);
  return failed(`Expected no image tagged python; found ${tags.join(", ")}. Only the tag has to go; ${LAYERS_NOTE}.`, `Remove it: \`docker image rm ${tags.map(shortRef).join(" ")} -f\`.`);
}
