import { createHash } from "node:crypto";

// A rubric's fingerprint: its step ids and points in order (titles are wording, not grading). A report prints it
// beside each grade so two grades of one student can be told apart by the rubric that gave them.
export function rubricDigest(steps: ReadonlyArray<{ id: string; points: number }>): string {
  const canonical = JSON.stringify(steps.map((s) => [s.id, s.points]));
  return `sha256:${createHash("sha256").update(canonical).digest("hex").slice(0, 12)}`;
}
