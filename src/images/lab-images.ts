// The two images the lab uses, with the private tag labgrade keeps of each. The lab itself removes the
// public tags (`docker image rm hello-world`, `docker image rm python -f`); the private copy lets labgrade
// put them back in seconds, and lets grading build on a base the student's own commands cannot remove.
export interface LabImage {
  name: "hello-world" | "python";
  publicTag: string;
  privateTag: string;
}

export const HELLO_WORLD: LabImage = { name: "hello-world", publicTag: "hello-world:latest", privateTag: "labgrade/lab-hello-world:latest" };
export const PYTHON: LabImage = { name: "python", publicTag: "python:latest", privateTag: "labgrade/lab-python:latest" };
export const LAB_IMAGES: readonly LabImage[] = [HELLO_WORLD, PYTHON];

export function splitTag(tag: string): { repo: string; tag: string } {
  const at = tag.lastIndexOf(":");
  return at > tag.lastIndexOf("/") ? { repo: tag.slice(0, at), tag: tag.slice(at + 1) } : { repo: tag, tag: "latest" };
}
