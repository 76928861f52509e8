import type { ContainerFact } from "../../evidence/types.ts";

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

// " in the part of its output labgrade kept": said when the output was cut at labgrade's bound.
export const keptNote = (container: ContainerFact): string => (container.logsTruncated ? " in the part of its output labgrade kept" : "");
