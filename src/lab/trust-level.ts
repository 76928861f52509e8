// How far an engine verdict can be trusted, per student: part of the result model every report renders. The
// assessment of a handed-in evidence file is trust/assess-evidence.ts; the pipeline decides a grade's level.
//   live:       read by the grader from the student's engine during this grade;
//   collected:  an evidence.json written by `labgrade collect`, intact and consistent with itself;
//   suspicious: evidence with at least one reason below;
//   none:       nothing was handed in (or nothing could be judged here).
export type TrustLevel = "live" | "collected" | "suspicious" | "none";

/** The kinds of facts an engine holds, in the words a step's `reads` uses (lab/steps.ts): what a reason puts in doubt. */
export type EvidenceFact = "engine" | "containers" | "logs" | "images" | "volumes" | "networks";

/** One thing found wrong with the evidence, in words an instructor can check. */
export interface TrustReason {
  /** Stable, kebab-case (trust/reason-codes.ts lists them all). */
  code: string;
  /** Names the facts that disagree and where they are. For the instructor, never shown to the student. */
  message: string;
  /** The kinds of facts it puts in doubt: the steps that read them are the verdicts in doubt (absent in older rows: every engine step). */
  touches?: EvidenceFact[];
}

export interface Trust {
  level: TrustLevel;
  reasons: TrustReason[];
  /** Said with the level, not a reason: "format 1: fewer checks". */
  note?: string;
}

/**
 * What the class checks (trust/assess-class.ts) compare of one student's evidence file, small enough to keep in
 * a journal row: a class graded over several runs (or resumed) is compared whole, though only this run's files
 * are at hand.
 */
export interface ClassSignals {
  /** /info's engine ID; null in format 1 or without the engine's documents. */
  engineId: string | null;
  /** The lab's containers: id, name, and the sha256 of their canonical inspect document (null without it). */
  containers: Array<{ id: string; name: string; doc: string | null }>;
  /** Layers the student's own builds made (diff ids): a RUN step's layer is never the same in two builds (absent in older rows). */
  layers?: string[];
  /** Each lab container's intervals in nanoseconds (created→started→finished, and between its events), as
   * `name interval/interval`: the same intervals after any shift of the clock mean the same run (absent in older rows). */
  timings?: string[];
  /** Each lab container's read-write layer as `layer container-id name`: the engine draws the layer at random when it
   * creates the container, so the same layer under another container id is a copy with its ids rewritten (absent in older rows). */
  rwLayers?: string[];
}
