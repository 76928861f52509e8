import type { Fact } from "../lab/lab.ts";

// A lab file's data as the schema (lab.schema.json) admits it: what compile-lab.ts turns into a Lab.
export interface LabFileData {
  schema: string;
  id: string;
  title: string;
  handout?: string;
  images?: string[];
  app?: {
    tag: string;
    base: string;
    base_example?: string;
    script?: string;
    command?: string[];
    handout_files?: string[];
    compose?: string;
  };
  steps: StepData[];
}

export interface StepData {
  id: string;
  title: string;
  points: number;
  hint?: string;
  hints?: Record<string, string>;
  requires?: string[];
  /** Exactly one kind, with its values (null for a kind with nothing to say). */
  expect: Record<string, unknown>;
}

/** The escape hatch: a check written in TypeScript next to the lab file. */
export interface CheckData {
  file: string;
  reads: Fact[];
}
