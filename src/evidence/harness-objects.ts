import { LABEL_MANAGED } from "../docker/labels.ts";

const HARNESS_LABELS = [LABEL_MANAGED, "org.testcontainers"];

// labgrade's and testcontainers' own containers, volumes and networks are not the student's work.
export function isHarnessContainer(labels: Record<string, string> | null | undefined): boolean {
  return HARNESS_LABELS.some((label) => labels?.[label] !== undefined);
}
