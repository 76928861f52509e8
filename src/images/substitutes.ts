import type Dockerode from "dockerode";
import type { Progress } from "../progress/progress.ts";
import { buildHelloWorldSubstitute } from "./hello-world-substitute.ts";
import type { LabImage } from "./lab-images.ts";
import { buildPythonSubstitute, type PythonSubstituteOptions } from "./python-substitute.ts";

// Builds the offline substitute of a lab image under its private tag.
export function buildSubstitute(docker: Dockerode, python: PythonSubstituteOptions): (image: LabImage, progress: Progress) => Promise<void> {
  return (image, progress) =>
    image.name === "hello-world" ? buildHelloWorldSubstitute(docker, image.privateTag, progress) : buildPythonSubstitute(docker, image.privateTag, python, progress);
}
