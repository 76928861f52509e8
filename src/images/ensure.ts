import type Dockerode from "dockerode";
import { followStream } from "../docker/follow.ts";
import { HarnessError } from "../errors.ts";
import type { Progress } from "../progress/progress.ts";
import { imageState } from "./image-state.ts";
import { type LabImage, splitTag } from "./lab-images.ts";

export type EnsureOutcome =
  | "present" // the public tag was there already
  | "restored" // re-tagged from labgrade's private copy
  | "pulled" // pulled from a registry
  | "built-offline"; // built as an offline substitute

export interface EnsureDeps {
  docker: Dockerode;
  registryAnswers: () => Promise<boolean>;
  buildSubstitute: (image: LabImage, progress: Progress) => Promise<void>;
  progress: (image: LabImage) => Progress;
  /** Build the substitute even when a registry answers (LABGRADE_OFFLINE=1). */
  forceOffline: boolean;
}

// Makes sure a lab image exists under its public tag and labgrade's private tag, the cheapest way first.
export async function ensureLabImage(image: LabImage, deps: EnsureDeps): Promise<EnsureOutcome> {
  const { docker } = deps;
  const pub = await imageState(docker, image.publicTag);
  const priv = await imageState(docker, image.privateTag);
  if (pub.present) {
    if (!priv.present || priv.id !== pub.id) await tag(docker, image.publicTag, image.privateTag);
    return "present";
  }
  if (priv.present) {
    await tag(docker, image.privateTag, image.publicTag);
    return "restored";
  }
  const progress = deps.progress(image);
  if (!deps.forceOffline && (await deps.registryAnswers())) {
    const pulled = await pull(docker, image.publicTag, progress);
    if (pulled) {
      await tag(docker, image.publicTag, image.privateTag);
      progress.done(`pulled ${image.publicTag}`);
      return "pulled";
    }
    progress.stage("the pull failed; building the offline substitute instead");
  }
  await deps.buildSubstitute(image, progress);
  await tag(docker, image.privateTag, image.publicTag);
  progress.done(`built ${image.publicTag} (offline substitute)`);
  return "built-offline";
}

export async function tag(docker: Dockerode, from: string, to: string): Promise<void> {
  const { repo, tag: version } = splitTag(to);
  await docker.getImage(from).tag({ repo, tag: version });
}

export async function pull(docker: Dockerode, ref: string, progress: Progress): Promise<boolean> {
  progress.stage(`pulling ${ref}`, 0.05);
  try {
    const stream = await docker.pull(ref);
    const layers = new Map<string, number>();
    const outcome = await followStream(stream, (e) => {
      if (e.id && e.status) layers.set(e.id, /complete|already exists/i.test(e.status) ? 1 : 0);
      const done = [...layers.values()].filter((v) => v === 1).length;
      if (layers.size > 0) progress.stage(`pulling ${ref} (${done}/${layers.size} layers)`, 0.05 + (0.9 * done) / layers.size);
    });
    return outcome.error === undefined;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === undefined) {
      throw new HarnessError("ENGINE_FAILED", `The engine failed while pulling ${ref}: ${(error as Error).message}`);
    }
    return false;
  }
}
