import type { HandIn } from "../intake/hand-in.ts";
import type { LmsIdentity } from "../intake/lms-identity.ts";
import type { ClassReportRow } from "../model/class-row.ts";
import { type Omitted, rowIdentity } from "./lms-rows.ts";

/** One hand-in as the LMS files need it: whose it is, and the export entries it came from. */
export interface HandedIn {
  student: string;
  name: string;
  identity: LmsIdentity | null;
  entries: readonly string[];
}

/** Who in the LMS a hand-in's grade goes to: the student, or each member of the group that handed it in. */
export interface Member {
  /** The LMS's id: the Canvas user id, or the Moodle participant id. */
  lmsId: string;
  /** The name the LMS knows them by. */
  name: string;
  /** The group whose hand-in it was; null for a student's own. */
  group: string | null;
}

export interface Members<T> {
  members: Array<{ item: T; member: Member }>;
  omitted: Omitted[];
  notes: string[];
}

export const handedInRow = (row: ClassReportRow): HandedIn & { row: ClassReportRow } => ({ student: row.student, name: row.name, identity: rowIdentity(row), entries: row.entry ? row.entry.split(" + ") : [], row });

export const handedInListing = (handIn: HandIn): HandedIn => ({ student: handIn.student, name: handIn.name, identity: handIn.identity ?? null, entries: handIn.entries });
