import type Dockerode from "dockerode";
import { HarnessError } from "../errors.ts";
import type { Progress } from "../progress/progress.ts";
import { pull, tag } from "./ensure.ts";
import { imageState, type ImageState } from "./image-state.ts";
import { splitTag, type LabImage } from "./lab-images.ts";

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
  } else if (!deps.forceOffline && (await deps.registryAnswers()) && (await pullByDigest(docker, image, deps.progress))) {
    // pulled by digest, which creates no tag: the student's tags are as they were
  } else {
    await deps.buildSubstitute(image, deps.progress);
  }
  const made = await imageState(docker, image.privateTag);
  if (!made.present) throw new HarnessError("IMAGE_UNAVAILABLE", `labgrade's private copy ${image.privateTag} is still missing after preparing it.`, "Run `labgrade doctor`.");
  return made;
}

// Pulls the public image by its digest (`python@sha256:…`), which tags nothing, then tags the private copy.
async function pullByDigest(docker: Dockerode, image: LabImage, progress: Progress): Promise<boolean> {
  try {
    const info = (await docker.getImage(image.publicTag).distribution()) as { Descriptor?: { digest?: string } };
    const digest = info.Descriptor?.digest;
    if (!digest) return false;
    const ref = `${splitTag(image.publicTag).repo}@${digest}`;
    if (!(await pull(docker, ref, progress))) return false;
    await tag(docker, ref, image.privateTag);
    return true;
  } catch {
    return false;
  }
}
