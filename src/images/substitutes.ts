import type Dockerode from "dockerode";
import type { LabgradeConfig } from "../config.ts";
import { HarnessError } from "../errors.ts";
import type { Progress } from "../progress/progress.ts";
import { buildHelloWorldSubstitute } from "./hello-world-substitute.ts";
import { splitTag, type LabImage } from "./lab-images.ts";
import { buildPythonSubstitute, type PythonSubstituteOptions } from "./python-substitute.ts";

/** The images labgrade can build offline, when no registry answers: a stand-in that behaves as a lab needs. */
export const OFFLINE_IMAGES = ["hello-world", "python"] as const;

export const hasSubstitute = (image: Pick<LabImage, "name">): boolean => (OFFLINE_IMAGES as readonly string[]).includes(splitTag(image.name).repo);

// Builds the offline substitute of a lab image under its private tag, as the config says to.
export function substituteBuilder(docker: Dockerode, config: LabgradeConfig) {
  return buildSubstitute(docker, { suite: config.debianSuite, mirror: config.debianMirror, timeoutMs: config.imageBuildTimeoutMs });
}

function buildSubstitute(docker: Dockerode, python: PythonSubstituteOptions): (image: LabImage, progress: Progress) => Promise<void> {
  return async (image, progress) => {
    const repo = splitTag(image.name).repo;
    if (repo === "hello-world") return buildHelloWorldSubstitute(docker, image.privateTag, progress);
    if (repo === "python") return buildPythonSubstitute(docker, image.privateTag, python, progress);
    throw new HarnessError("IMAGE_UNAVAILABLE", `No registry answered, and labgrade has no offline stand-in for ${image.name} (it builds ${OFFLINE_IMAGES.join(" and ")} offline).`, `Connect this machine to a registry, or load the image yourself (\`docker load -i ${repo.replace(/\//g, "-")}.tar\`), then run \`labgrade images\` again.`);
  };
}
