import type Dockerode from "dockerode";
import { LABEL_SUBSTITUTE } from "../docker/labels.ts";

export type ImageState = { present: false } | { present: true; id: string; substitute: boolean; created: string };

// What the engine holds under a tag: checked with dockerode each time, never from a cache.
export async function imageState(docker: Dockerode, tag: string): Promise<ImageState> {
  try {
    const info = await docker.getImage(tag).inspect();
    return { present: true, id: info.Id, substitute: info.Config?.Labels?.[LABEL_SUBSTITUTE] === "offline", created: info.Created };
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return { present: false };
    throw error;
  }
}
