import type { ClassReportRow } from "../model/class-row.ts";

/** One grade to put in the LMS: a student, or a member of a group whose hand-in it was. */
export interface PushTarget {
  /** The LMS's user id. */
  userId: string;
  /** The name the LMS knows them by. */
  name: string;
  group: string | null;
  /** The LMS's id of that group, when the LMS grades the group as one (Canvas): its members are held together. */
  groupId?: string;
  row: ClassReportRow;
  /** The grade in the LMS's points. */
  points: number;
  /** Carries the feedback comment and the report (for a Canvas group, one member's, posted as the group's comment). */
  commented: boolean;
}

/** A row labgrade will not push, and why. */
export interface NotPushed {
  student: string;
  why: string;
}

/** What the LMS holds for a student now: the grade, and when it was last changed. */
export interface LmsNow {
  grade: number | null;
  changedAt: Date | null;
  /** Excused in the LMS (Canvas's "EX"): the instructor's decision, like a grade changed there. */
  excused?: boolean;
}

/**
 * push: the LMS has another grade, or none, from before labgrade graded. same: the LMS has this grade already.
 * unlisted: the LMS lists no grade, and labgrade pushed this one before (Moodle's get_grades does not list a team
 * member's grade): not sent again.
 * changed: someone changed (or cleared) the grade in the LMS after labgrade graded it (or last pushed it): left alone.
 * excused: the LMS has the student excused: left alone.
 * group: the LMS grades the group as one, and another member's grade is left alone: so is this one.
 * unknown: the LMS answered with warnings instead of grades, so what it holds is unknown: left alone.
 * overwrite: a changed or excused grade, replaced because of --force.
 */
export type PushAction = "push" | "same" | "unlisted" | "changed" | "excused" | "group" | "unknown" | "overwrite";

export interface PushLine {
  target: PushTarget;
  now: LmsNow;
  action: PushAction;
  /** group: the member whose grade holds the group's, and why it is left alone. */
  heldBy?: { name: string; action: "changed" | "excused" };
}

// Grades that differ by less than this are the same grade: both LMSs show two decimal places.
export const SAME = 0.005;

// What happens to each grade: compared with what the LMS holds now, and with when labgrade graded it (or last pushed
// it: the journal). A grade the LMS changed since is the instructor's or a TA's, never overwritten without --force.
// `unlisted`: the LMS may hold grades it does not list (Moodle's team members), so an unlisted grade the journal says
// labgrade pushed is taken as there. `unknown`: the LMS listed no grades, only warnings, so a grade it does not list
// may be there: left alone unless --force.
export function planPush(targets: readonly PushTarget[], now: ReadonlyMap<string, LmsNow>, pushed: ReadonlyMap<string, { at: Date; grade?: number }>, force: boolean, options: { unlisted?: boolean; unknown?: boolean } = {}): PushLine[] {
  return targets.map((target) => {
    const held = now.get(target.userId) ?? { grade: null, changedAt: null };
    if (held.grade !== null && Math.abs(held.grade - target.points) < SAME) return { target, now: held, action: "same" };
    if (options.unknown && !now.has(target.userId) && !force) return { target, now: held, action: "unknown" };
    const before = pushed.get(target.userId);
    if (options.unlisted && held.grade === null && before?.grade !== undefined && Math.abs(before.grade - target.points) < SAME) return { target, now: { grade: null, changedAt: before.at }, action: "unlisted" };
    if (held.excused) return { target, now: held, action: force ? "overwrite" : "excused" };
    const graded = Date.parse(target.row.gradedAt);
    const since = Math.max(Number.isFinite(graded) ? graded : 0, before?.at.getTime() ?? 0);
    // A grade cleared since (none now, changed later) is someone's decision too.
    const changedSince = held.changedAt !== null && held.changedAt.getTime() > since;
    return { target, now: held, action: changedSince ? (force ? "overwrite" : "changed") : "push" };
  });
}

export const toSend = (lines: readonly PushLine[]): PushLine[] => lines.filter((l) => l.action === "push" || l.action === "overwrite");
