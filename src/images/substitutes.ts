import type Dockerode from "dockerode";
import type { LabgradeConfig } from "../config.ts";
import type { Progress } from "../progress/progress.ts";
import { buildHelloWorldSubstitute } from "./hello-world-substitute.ts";
import type { LabImage } from "./lab-images.ts";
import { buildPythonSubstitute, type PythonSubstituteOptions } from "./python-substitute.ts";

// Builds the offline substitute of a lab image under its private tag, as the config says to.
export function substituteBuilder(docker: Dockerode, config: LabgradeConfig) {
  return buildSubstitute(docker, { suite: config.debianSuite, mirror: config.debianMirror, timeoutMs: config.imageBuildTimeoutMs });
}

function buildSubstitute(docker: Dockerode, python: PythonSubstituteOptions): (image: LabImage, progress: Progress) => Promise<void> {
  return (image, progress) =>
    image.name === "hello-world" ? buildHelloWorldSubstitute(docker, image.privateTag, progress) : buildPythonSubstitute(docker, image.privateTag, python, progress);
}
