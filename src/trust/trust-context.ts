import type { DockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import type { ContainerFact } from "../evidence/types.ts";

// What the assessment is told besides the file. The clock is a parameter, so tests can fix it.
export interface TrustContext {
  now: Date;
  /** 2: the class requires format 2 (`--require-evidence 2`); a format-1 file is then a reason. */
  requireFormat?: 1 | 2;
  /** The assignment's dates (`--window START..END`): nothing the student did may fall outside. */
  window?: { start: Date; end: Date };
  /** The Dockerfile handed in with the evidence, when there is one: the pythonapp image must come from it. */
  dockerfile?: DockerfileFacts | null;
  /** The lab's own containers (the ones its engine steps grade); every container when not given. */
  isLabContainer?: (c: Pick<ContainerFact, "name" | "image">) => boolean;
}
