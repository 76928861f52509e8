import type { Trust, TrustLevel } from "../lab/trust-level.ts";

/**
 * What a student is told when their evidence is suspicious, wherever they read it: that it will be reviewed,
 * never why. The checks and their reasons are the instructor's: named to a student, they say what to forge next.
 */
export const EVIDENCE_REVIEWED = "Your instructor will review the evidence you handed in (evidence.json) for the steps judged from it.";

/** The student's line about their evidence, or null when there is nothing to say. */
export const studentEvidenceLine = (trust: Pick<Trust, "level"> | undefined): string | null => (trust?.level === "suspicious" ? EVIDENCE_REVIEWED : null);

/** Each level in the instructor's words (docs/trust.md says the same at length). */
export const LEVEL_WORDS: Record<TrustLevel, string> = {
  live: "live: read by labgrade from the student's engine during this grade",
  collected: "collected: an evidence.json written by labgrade collect, intact and consistent",
  suspicious: "suspicious: the evidence disagrees with itself, the hand-in or the class",
  none: "none: no evidence to judge the engine steps from",
};

// The reasons as one cell or property: "code: message", one a line, the note last.
export function reasonsText(trust: Trust | undefined): string {
  if (!trust) return "";
  return [...trust.reasons.map((r) => `${r.code}: ${r.message}`), ...(trust.note ? [`note: ${trust.note}`] : [])].join("\n");
}
