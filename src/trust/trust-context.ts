import type { DockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import type { Lab, LabMarks } from "../lab/lab.ts";

/** What the assessment is told of the lab graded: its containers, the images it removes, its app. */
export interface TrustLab {
  marks: LabMarks;
  /** The lab's app: the tag of the image that must come from the hand-in's Dockerfile, and the image it builds on. */
  app: { tag: string; base: string } | null;
}

export const trustLab = (lab: Pick<Lab, "marks" | "app">): TrustLab => ({ marks: lab.marks, app: lab.app ? { tag: lab.app.tag, base: lab.app.base } : null });

// What the assessment is told besides the file. The clock is a parameter, so tests can fix it.
export interface TrustContext {
  now: Date;
  lab: TrustLab;
  /** 2: the class requires format 2 (`--require-evidence 2`); a format-1 file is then a reason. */
  requireFormat?: 1 | 2;
  /** The assignment's dates (`--window START..END`): nothing the student did may fall outside. */
  window?: { start: Date; end: Date };
  /** The Dockerfile handed in with the evidence, when there is one: the lab's app image must come from it. */
  dockerfile?: DockerfileFacts | null;
}
