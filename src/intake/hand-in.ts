// The vocabulary of intake: how an LMS export is read into one hand-in per student.
import type { LmsIdentity } from "./lms-identity.ts";

export type Lms = "canvas" | "moodle" | "gradescope" | "classroom" | "plain";

export type ExportKind = "folder" | "zip";

/** One student's submission as the export holds it: the entries to materialise, and who they belong to. */
export interface HandIn {
  /**
   * Stable id, unique in the class (`~2` added on a clash): the LMS's id for the student (Canvas user or
   * anonymous id, Moodle participant id, Gradescope sid or email), the GitHub login, or the entry name.
   */
  student: string;
  /** The student's name as the export spells it; "" when anonymous or unknown. */
  name: string;
  late: boolean;
  /** Paths relative to the export's root (inside its one wrapper folder when it has one); sorted. */
  entries: string[];
  lms: Lms;
  /** The ids the LMS's own import needs to take a grade or feedback back; absent for exports that give none. */
  identity?: LmsIdentity;
}

export interface ClassListing {
  kind: ExportKind;
  /** Sorted by student id. */
  submissions: HandIn[];
  /** Top-level names that are not anyone's work: OS litter, hidden files, the Gradescope metadata. */
  ignored: string[];
  /** What the listing decided that the instructor should know, e.g. a student id made unique with `~2`. */
  notes: string[];
}

/** A top-level entry of an export: a folder or a file (a zip is a file). */
export interface TopEntry {
  /** Relative to the export's root, e.g. `doejohn_12345_67890_app.py` or `assignment_1_export/submission_9`. */
  path: string;
  dir: boolean;
}

/** What one entry says about whose it is. Entries sharing a `groupKey` are one student's parts. */
export interface EntryMatch {
  entry: string;
  lms: Lms;
  student: string;
  name: string;
  late: boolean;
  groupKey: string | null;
  identity?: LmsIdentity;
}

/** What putting one hand-in's entries into its folder did, before zips inside it are expanded. */
export interface Unpacked {
  /** Links found and not made, relative to the student's folder (or the export entry, for a top-level link). */
  links: string[];
  /** Whether one of the entries was itself a zip: its contents then start one zip deep. */
  unzipped: boolean;
  /** The flat files not named as zips: each export entry and where it landed below the student's folder. */
  flatFiles: Array<{ entry: string; path: string }>;
}
