import type { LabgradeConfig } from "../config.ts";
import { removeStale } from "../docker/cleanup.ts";
import { openEngine } from "../docker/open-engine.ts";
import { ensureLabImage, type EnsureOutcome } from "../images/ensure.ts";
import { ensurePrivateCopy } from "../images/ensure-private.ts";
import { labImage } from "../images/lab-images.ts";
import { loadLab, shippedLabIds } from "../labfile/index.ts";
import type { LabFlags } from "./lab-option.ts";
import { registryAnswers } from "../images/registry.ts";
import { substituteBuilder } from "../images/substitutes.ts";
import { createProgress } from "../progress/progress.ts";

const SAID: Record<EnsureOutcome, string> = {
  present: "already present",
  restored: "restored from labgrade's private copy",
  pulled: "pulled from the registry",
  "built-offline": "built as an offline substitute (no registry answered)",
};

export interface ImagesOptions extends LabFlags {
  offline?: boolean;
  /** Only labgrade's private copies: the student's hello-world and python tags stay as they are. */
  private?: boolean;
}

// `labgrade images`: makes sure the images a lab's commands use exist (hello-world:latest and python:latest for the
// Docker installation lab), pulling or building them; without --lab, every shipped lab's.
export async function imagesCommand(options: ImagesOptions, config: LabgradeConfig, out: NodeJS.WritableStream = process.stdout, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const labs = await Promise.all((options.lab ?? env.LABGRADE_LAB ? [options.lab ?? env.LABGRADE_LAB!] : shippedLabIds()).map((ref) => loadLab(ref)));
  const images = [...new Set(labs.flatMap((lab) => lab.images))].map(labImage);
  const { docker } = await openEngine(config);
  await removeStale(docker);
  let registry: Promise<boolean> | undefined;
  const deps = {
    docker,
    registryAnswers: () => (registry ??= registryAnswers(config.registryUrl, config.registryTimeoutMs)),
    buildSubstitute: substituteBuilder(docker, config),
    progress: (image: { publicTag: string }) => createProgress({ title: image.publicTag }),
    forceOffline: Boolean(options.offline) || config.forceOffline,
  };
  for (const image of images) {
    const started = Date.now();
    const took = () => `(${((Date.now() - started) / 1000).toFixed(1)}s)`;
    if (options.private) {
      const copy = await ensurePrivateCopy(image, { ...deps, progress: deps.progress(image) });
      out.write(`${image.privateTag}: ready, ${copy.substitute ? "offline substitute" : "real image"} ${took()}\n`);
    } else {
      out.write(`${image.publicTag}: ${SAID[await ensureLabImage(image, deps)]} ${took()}\n`);
    }
  }
  return 0;
}
