import type Dockerode from "dockerode";
import type { Progress } from "../progress/progress.ts";
import { tag } from "./ensure.ts";
import { imageState, type ImageState } from "./image-state.ts";
import type { LabImage } from "./lab-images.ts";

export interface PrivateDeps {
  docker: Dockerode;
  registryAnswers: () => Promise<boolean>;
  buildSubstitute: (image: LabImage, progress: Progress) => Promise<void>;
  progress: Progress;
  forceOffline: boolean;
}

// Makes sure labgrade's private copy of a lab image exists without changing the student's own tags:
// grading builds on this copy, so it never re-creates or re-pulls the `python` the lab told them to remove.
export async function ensurePrivateCopy(image: LabImage, deps: PrivateDeps): Promise<ImageState & { present: true }> {
  const { docker } = deps;
  const existing = await imageState(docker, image.privateTag);
  if (existing.present) return existing;
  const pub = await imageState(docker, image.publicTag);
  if (pub.present) {
    await tag(docker, image.publicTag, image.privateTag);
  } else if (!deps.forceOffline && (await deps.registryAnswers()) && (await pullUntagged(docker, image))) {
    // pulled under the public tag, which the student did not have: moved to the private tag only
  } else {
    await deps.buildSubstitute(image, deps.progress);
  }
  const made = await imageState(docker, image.privateTag);
  if (!made.present) throw new Error(`labgrade's private copy ${image.privateTag} is still missing after preparing it`);
  return made;
}

async function pullUntagged(docker: Dockerode, image: LabImage): Promise<boolean> {
  try {
    const stream = await docker.pull(image.publicTag);
    await new Promise((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve(undefined))));
    await tag(docker, image.publicTag, image.privateTag);
    await docker.getImage(image.publicTag).remove({ noprune: true });
    return true;
  } catch {
    return false;
  }
}
