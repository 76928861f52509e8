import { identityFromEntries, type LmsIdentity } from "../intake/lms-identity.ts";
import type { ClassReportRow } from "../model/class-row.ts";

/** A student left out of an LMS file, and why: the CLI prints these so no grade silently stays behind. */
export interface Omitted {
  student: string;
  why: string;
}

// The row's LMS identity: recorded since labgrade kept it, else read again from the entry names the row records
// (a journal written before). A folder graded as plain names gives none.
export function rowIdentity(row: ClassReportRow): LmsIdentity | null {
  return row.identity ?? identityFromEntries(row.entry ? row.entry.split(" + ") : []);
}

export const points = (n: number): number => Math.round(n * 100) / 100;
