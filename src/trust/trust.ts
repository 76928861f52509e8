// How far an engine verdict can be trusted, per student. The rest of labgrade (reports, gradebook, CLI)
// reads these types; the assessment of a handed-in evidence file is in assess-evidence.ts.
//   live:       read by the grader from the student's engine during this grade;
//   collected:  an evidence.json written by `labgrade collect`, intact and consistent with itself;
//   suspicious: evidence with at least one reason below;
//   none:       nothing was handed in.
export type TrustLevel = "live" | "collected" | "suspicious" | "none";

/** One thing found wrong with the evidence, in words an instructor can check. */
export interface TrustReason {
  /** Stable, kebab-case (reason-codes.ts lists them all). */
  code: string;
  /** Names the facts that disagree and where they are. For the instructor, never shown to the student. */
  message: string;
}

export interface Trust {
  level: TrustLevel;
  reasons: TrustReason[];
  /** Said with the level, not a reason: "format 1: fewer checks". */
  note?: string;
}
