import type { ContainerFact } from "../../evidence/types.ts";
import { HELLO_WORLD } from "../../images/lab-images.ts";
import { isImageRef, MYCONTAINER } from "../names.ts";

// What hello-world's containers look like in a snapshot, for the steps that judge them.
export const HELLO_GREETING = "Hello from Docker!";
export const CREATE_MYCONTAINER = `docker container create -i -t --name ${MYCONTAINER} ${HELLO_WORLD.name}`;
export const START_MYCONTAINER = `docker container start --attach -i ${MYCONTAINER}`;

// Config.Image keeps the name it was created with, even after `docker image rm -f hello-world`.
export function fromHelloWorld(container: ContainerFact): boolean {
  return isImageRef(container.image, HELLO_WORLD.name);
}

export function printedGreeting(container: ContainerFact): boolean {
  return container.logs.includes(HELLO_GREETING);
}

// "created but never started", "exited with code 1": how a container stands, in words.
export function describeState(container: ContainerFact): string {
  if (!container.everStarted) return container.exitCode === null ? "created but never started" : `created, but its start failed with code ${container.exitCode}`;
  if (container.status === "exited") return `exited with code ${container.exitCode ?? "unknown"}`;
  return container.status === "running" ? "still running" : container.status;
}

// The grader's view of a container, for details: never the student's hint.
export function containerDetails(container: ContainerFact): string {
  const logs = container.logs ? JSON.stringify(container.logs.slice(0, 300)) : "none";
  return `${container.name}: image ${container.image} (${container.imageId}), command ${JSON.stringify(container.command)}, ${container.status}, exit ${container.exitCode ?? "-"}, logs${container.logsTruncated ? " (truncated)" : ""} ${logs}`;
}
