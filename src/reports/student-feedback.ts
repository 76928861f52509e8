import type { ClassReportRow } from "../model/class-row.ts";
import { EVIDENCE_REVIEWED } from "./evidence-words.ts";
import { showControls } from "./show-controls.ts";

/** The name the student's full report has wherever labgrade hands it back (Canvas and Moodle feedback zips). */
export const FEEDBACK_REPORT_FILE = "labgrade-report.html";

const POINTER = `The full report is attached to this grade as ${FEEDBACK_REPORT_FILE}.`;

const MAX_LINE = 240;

// Paths of the grading machine never reach a student: an absolute path of two parts or more is cut unless it lies
// where the lab's container keeps things (the app's /app, the image's /usr …), and so is a Windows drive path.
// A hint names the student's own files relative to their lab folder, which stay.
const ABSOLUTE = /(?<![\w.~/:-])\/([\w.@+-]+)\/[^\s`'"()<>,;]*|\b[A-Za-z]:\\[^\s`'"()<>,;]*/g;
const CONTAINER_ROOTS = new Set(["app", "usr", "bin", "sbin", "lib", "etc", "dev", "src", "code"]);

export function scrubHostPaths(text: string): string {
  return text.replace(ABSOLUTE, (path: string, root: string | undefined) => (root !== undefined && CONTAINER_ROOTS.has(root) ? path : "…"));
}

const oneLine = (text: string): string => {
  const flat = showControls(scrubHostPaths(text).replace(/\s+/g, " ").trim());
  return flat.length > MAX_LINE ? `${flat.slice(0, MAX_LINE - 1)}…` : flat;
};

const pts = (n: number): string => String(Math.round(n * 100) / 100);

// The short comment a student reads in the LMS, the same words in every file labgrade writes for it: the score,
// each step missed with its one-line hint, and where the full report is. Never the same-work signal, a row's
// reason for an error (labgrade's own trouble), the trust checks' reasons, or anything of the grading machine.
export function studentFeedback(row: Pick<ClassReportRow, "status" | "reason" | "score" | "maxScore" | "steps" | "trust">): string {
  if (row.status === "rejected") {
    return [`Not graded: your hand-in could not be opened (${oneLine(row.reason ?? "no reason was recorded")}).`, "Hand in your lab folder again as one plain .zip, or the files themselves."].join("\n");
  }
  if (row.status === "review") {
    return [`Not graded yet: ${EVIDENCE_REVIEWED[0]!.toLowerCase()}${EVIDENCE_REVIEWED.slice(1)} Your grade follows once they have.`, POINTER].join("\n");
  }
  if (row.status === "error" || row.score === null) {
    return "Not graded yet: labgrade could not finish grading this hand-in (not your mistake). Your instructor will grade it again.";
  }
  // A step labgrade could not judge is its own trouble: named, never listed as the student's miss.
  const unjudged = row.steps.filter((s) => s.status === "error");
  // Steps held at 0 until the evidence is reviewed were not missed: they are said once, below the score.
  const held = row.steps.filter((s) => s.held === "zero");
  const missed = row.steps.filter((s) => s.status !== "error" && !s.held && (s.status !== "passed" || s.points < s.maxPoints));
  const lines = [`Score: ${pts(row.score)} / ${pts(row.maxScore)}.`];
  if (row.trust?.level === "suspicious") lines.push(held.length > 0 ? `${EVIDENCE_REVIEWED} Until then those steps count 0: ${held.map((s) => oneLine(s.title)).join("; ")}.` : EVIDENCE_REVIEWED);
  if (missed.length === 0) lines.push(held.length > 0 ? "Every other step passed." : "Every step passed.");
  else {
    lines.push(`Missed ${missed.length === 1 ? "1 step" : `${missed.length} steps`}:`);
    // Steps missed for one reason (no evidence.json fails every engine step) share one line: the text stays short.
    const byHint = new Map<string, typeof missed>();
    for (const step of missed) {
      const hint = oneLine(step.hint ?? step.message);
      byHint.set(hint, [...(byHint.get(hint) ?? []), step]);
    }
    for (const [hint, steps] of byHint) {
      const [got, max] = [steps.reduce((sum, s) => sum + s.points, 0), steps.reduce((sum, s) => sum + s.maxPoints, 0)];
      lines.push(`- ${steps.map((s) => oneLine(s.title)).join("; ")} (${pts(got)} / ${pts(max)} pts): ${hint}`);
    }
  }
  if (unjudged.length > 0) lines.push(`Not judged (labgrade's trouble, not counted against you): ${unjudged.map((s) => oneLine(s.title)).join("; ")}.`);
  lines.push(POINTER);
  return lines.join("\n");
}
