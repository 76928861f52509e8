import type { CanvasName } from "./canvas-name.ts";
import { parseCanvasName } from "./canvas-name.ts";
import { baseName } from "./entry-path.ts";
import { parseMoodleName } from "./moodle-name.ts";

/**
 * What an LMS needs to take a grade or a feedback file back for one student, as the export's names give it.
 * Canvas: the user id (the gradebook import's ID column) and one attachment id of the submission (the re-upload
 * of feedback files attaches to a submission only through it). Moodle: the participant id ("Participant N" in the
 * grading worksheet, `<name>_<N>_…` in the feedback zip). Other exports give no id an import could use.
 */
export type LmsIdentity =
  | { lms: "canvas"; userId: string | null; anonymousId: string | null; attachmentId: string | null; prefix: string }
  | { lms: "moodle"; participantId: string; fullName: string };

export function canvasIdentity(name: CanvasName): LmsIdentity {
  return { lms: "canvas", userId: name.anonymous ? null : name.student, anonymousId: name.anonymous ? name.student : null, attachmentId: name.attachment, prefix: name.prefix };
}

export function moodleIdentity(participantId: string, fullName: string): LmsIdentity {
  return { lms: "moodle", participantId, fullName };
}

// Rows graded before labgrade kept the identity: read it again from the entry names the row records. A Moodle
// folder and a flat file differ only by a trailing plugin name, so both readings are tried.
export function identityFromEntries(entries: readonly string[]): LmsIdentity | null {
  const found = entries.map((entry) => identityOf(baseName(entry))).filter((i): i is LmsIdentity => i !== null);
  return found.find((i) => i.lms === "canvas" && i.attachmentId !== null) ?? found[0] ?? null;
}

function identityOf(base: string): LmsIdentity | null {
  const moodle = parseMoodleName(base, true) ?? parseMoodleName(base, false);
  if (moodle) return moodleIdentity(moodle.student, moodle.name);
  const canvas = parseCanvasName(base);
  return canvas ? canvasIdentity(canvas) : null;
}
