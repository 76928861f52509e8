import type { LabMarks } from "./lab.ts";
import { isImageRef, nearMisses } from "./names.ts";

type Named = { name: string; image: string; labels?: Readonly<Record<string, string>> };

const COMPOSE_SERVICE = "com.docker.compose.service";

// The one "lab container" predicate: a container the lab's commands make (one a step names, or a near miss of
// it; one made from an image the lab's containers come from, the app's tag among them; a compose service a
// step names). The same-work signal, the trust checks and the engine follower compare only these: containers
// a course machine or VM came with are shared by everyone who used it.
export function isLabContainer(marks: LabMarks, container: Named): boolean {
  if (marks.containerNames.includes(container.name) || nearMisses(container.name, marks.containerNames).length > 0) return true;
  if (marks.containerImages.some((image) => isImageRef(container.image, image))) return true;
  const service = container.labels?.[COMPOSE_SERVICE];
  return service !== undefined && marks.services.includes(service);
}

// Logs are read only where a check reads them: containers a step reads the output of, by name (and near misses
// of it) or by image.
export function wantsLogs(marks: LabMarks, container: Named): boolean {
  const { names, images } = marks.logsOf;
  return images.some((image) => isImageRef(container.image, image)) || names.includes(container.name) || nearMisses(container.name, names).length > 0;
}
