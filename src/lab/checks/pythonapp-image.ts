import type { EngineSnapshot } from "../../evidence/types.ts";
import { type CheckResult, failed, passed } from "./check-result.ts";
import { nearMisses, PYTHONAPP, shortRef, tagRepo } from "../names.ts";

// pythonapp-image: `docker build -t pythonapp .` left an image tagged pythonapp (any tag) on the student's engine.
export function checkPythonappImage(snapshot: EngineSnapshot): CheckResult {
  const tags = snapshot.images.flatMap((image) => image.tags);
  const mine = tags.filter((tag) => tagRepo(tag) === PYTHONAPP);
  if (mine.length > 0) return passed(`Found an image tagged ${mine.join(", ")}.`);
  const looksLike = tags.filter(resembles);
  const [closest] = looksLike;
  if (closest) {
    return failed(`Expected an image tagged \`${PYTHONAPP}\`; found ${looksLike.map((tag) => `\`${tag}\``).join(", ")}.`, `Tag it: \`docker tag ${shortRef(closest)} ${PYTHONAPP}\`.`);
  }
  return failed(`Expected an image tagged \`${PYTHONAPP}\`; found none.`, `Build it in the app's folder: \`docker build -t ${PYTHONAPP} .\`.`);
}

// python-app, python_app, pythonApp, pythonap; or pythonapp under an owner (`docker build -t student/pythonapp .`).
function resembles(tag: string): boolean {
  const name = tagRepo(tag).split("/").pop() ?? "";
  return name === PYTHONAPP || nearMisses(PYTHONAPP, [name]).length > 0;
}
