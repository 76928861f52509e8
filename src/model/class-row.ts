import type { StepStatus } from "../lab/check-result.ts";
import type { LabRef } from "../lab/result.ts";
import type { LmsIdentity } from "../intake/lms-identity.ts";
import type { ClassSignals, Trust } from "../lab/trust-level.ts";

/**
 * The journal's schema: each line of journal.jsonl is one ClassRow. Read older versions, never break them. Fields
 * marked "absent in older rows" were added within labgrade.journal/1: every reader takes a row without them.
 */
export const JOURNAL_SCHEMA = "labgrade.journal/1";

export type RowStatus = "graded" | "rejected" | "error";

/**
 * A row's status as the class reports show it: the journal's, or `review` when the instructor chose
 * `--suspicious review` and the row's evidence is suspicious (its engine steps are held, its total is empty).
 */
export type ReportStatus = RowStatus | "review";

/** What bulk does with a row whose evidence is suspicious (`--suspicious`): the journal keeps the points as judged. */
export type SuspiciousPolicy = "keep" | "review" | "zero";

/** One student's line in a class grade: what the gradebook, the summary and the class JUnit render. */
export interface ClassRow {
  schema: typeof JOURNAL_SCHEMA;
  /** Stable id: the LMS user id, the GitHub login, or the entry name. Unique in a class. */
  student: string;
  /** The student's name as the export gives it; "" when anonymous or unknown. */
  name: string;
  /** The export entries the submission came from, joined with " + ". */
  entry: string;
  late: boolean;
  /** graded: every step judged. rejected: the hand-in could not be opened (bad archive). error: labgrade failed. */
  status: RowStatus;
  /** Why the row was rejected or is an error; null when graded. */
  reason: string | null;
  /** Each rubric step as judged; empty when rejected. */
  /** `hint` is the student's one-line what-to-do (absent in older rows). */
  /** `kind`: judged from the engine or from the hand-in (absent in older rows: the lab says). */
  steps: Array<{ id: string; title: string; kind?: "engine" | "app"; status: StepStatus; points: number; maxPoints: number; message: string; hint?: string }>;
  /** Null when not every step was judged (rejected or error): never counted as zero. */
  score: number | null;
  maxScore: number;
  /** The student's report folder and plot, relative to the class output folder. */
  reportDir: string | null;
  plot: string | null;
  /** What the same-work signal compares across the class; `evidence`: what the class's trust checks compare (absent in older rows). */
  signals: { containerIds: string[]; contentHash: string; handout: boolean; evidence?: ClassSignals };
  /**
   * How far the engine steps' evidence can be trusted, as this student's grade found it (the class's reasons are
   * joined when the class is reported); absent in older rows and in rows that were never graded.
   */
  trust?: Trust;
  /** Resume key: content, rubric, labgrade version, base image; a rerun regrades a row whose key changed. */
  key: string;
  gradedAt: string;
  /** The ids the LMS's import needs (Canvas user and attachment id, Moodle participant id); absent in older rows. */
  identity?: LmsIdentity;
  /** The rubric that gave this grade (rubricDigest) and labgrade's version; absent in older rows. */
  rubric?: string;
  labgrade?: string;
  /** The lab graded: its id, title and the lab file's digest. Absent in older rows: the Docker installation lab. */
  lab?: LabRef;
}

/**
 * A row as the class reports show it: with the students whose work looks the same (a signal, never points), the
 * class's trust reasons joined to the student's own, and `--suspicious` applied. `held` marks an engine step whose
 * points were held for review (its cell is empty) or set to 0 because the evidence is suspicious.
 */
export interface ClassReportRow extends Omit<ClassRow, "status" | "steps"> {
  status: ReportStatus;
  /** `inDoubt`: an engine step whose verdict a reason of the row's suspicious evidence puts in doubt (whatever `--suspicious`). */
  steps: Array<ClassRow["steps"][number] & { held?: "review" | "zero"; inDoubt?: boolean }>;
  sameAs: string[];
}

/** Everything the class reports (gradebook.csv, summary.html, junit.xml) render. */
export interface ClassReport {
  title: string;
  generatedAt: string;
  labgradeVersion: string;
  /** The lab the class did (absent in reports of older classes: the Docker installation lab). */
  lab?: LabRef;
  /** The rubric's steps in order: one gradebook column each. */
  steps: ReadonlyArray<{ id: string; title: string; points: number; kind?: "engine" | "app" }>;
  /** Sorted by student id. */
  rows: ClassReportRow[];
  /** The digest of the rubric this report was made with (rubricDigest). */
  rubricDigest: string;
  /** What changed since an earlier grading of the class (`--compare`, or a rerun with `--force`); absent otherwise. */
  changes?: ClassChanges;
}

/** One student whose grade moved between two gradings of a class. */
export interface StudentChange {
  student: string;
  name: string;
  before: { status: ReportStatus; score: number | null; maxScore: number; rubric: string; labgrade: string };
  after: { status: ReportStatus; score: number | null; maxScore: number; rubric: string; labgrade: string };
  /** Each step whose verdict or points changed, with both messages; a step one side lacks is null there. */
  steps: Array<{
    id: string;
    title: string;
    before: { status: StepStatus; points: number; maxPoints: number; message: string } | null;
    after: { status: StepStatus; points: number; maxPoints: number; message: string } | null;
  }>;
}

export interface ClassChanges {
  /** The earlier output folder, as the instructor named it. */
  baseline: string;
  /** Students graded both times whose total, status or a step changed: grades that went down first. */
  students: StudentChange[];
  /** Students graded both times. */
  compared: number;
}
