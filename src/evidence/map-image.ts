import type Dockerode from "dockerode";
import { LABEL_SUBSTITUTE } from "../docker/labels.ts";
import type { ImageFact } from "./types.ts";

// Older engines list a dangling image's tags as "<none>:<none>"; newer ones list none.
const NO_TAG = "<none>:<none>";

// One image as the checks see it, from `docker image ls` (listImages).
export function mapImage(info: Dockerode.ImageInfo): ImageFact {
  return {
    id: info.Id,
    tags: (info.RepoTags ?? []).filter((tag) => tag !== NO_TAG),
    created: new Date(info.Created * 1000).toISOString(),
    // The engine sends Labels: null for an image without labels, whatever the types say.
    substitute: (info.Labels as Record<string, string> | null)?.[LABEL_SUBSTITUTE] === "offline",
  };
}
