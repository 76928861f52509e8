// An image a lab's commands use, with the private tag labgrade keeps of it. The lab itself may remove the public
// tags (`docker image rm hello-world`, `docker image rm python -f`); the private copy lets labgrade put them back in
// seconds, and lets grading build on a base the student's own commands cannot remove.
export interface LabImage {
  /** As the lab names it: `hello-world`, `python`, `python:3.12-slim`. */
  name: string;
  publicTag: string;
  privateTag: string;
}

// `python` → python:latest and labgrade/lab-python:latest; `python:3.12-slim` → labgrade/lab-python:3.12-slim;
// `someone/app` → labgrade/lab-someone-app:latest.
export function labImage(name: string): LabImage {
  const { repo, tag } = splitTag(name);
  return { name, publicTag: `${repo}:${tag}`, privateTag: `labgrade/lab-${repo.replace(/[/:.]/g, "-")}:${tag}` };
}

export const HELLO_WORLD: LabImage = labImage("hello-world");
export const PYTHON: LabImage = labImage("python");

export function splitTag(tag: string): { repo: string; tag: string } {
  const at = tag.lastIndexOf(":");
  return at > tag.lastIndexOf("/") ? { repo: tag.slice(0, at), tag: tag.slice(at + 1) } : { repo: tag, tag: "latest" };
}
