import { HarnessError } from "../errors.ts";
import { baseName } from "../intake/entry-path.ts";
import { moodleFileName } from "../intake/lms-file-names.ts";
import type { ClassReportRow } from "../model/class-row.ts";
import { lmsMaximum, lmsPoints } from "../reports/lms-maximum.ts";
import { rowIdentity } from "../reports/lms-rows.ts";
import { feedbackHtml } from "../reports/moodle-grades.ts";
import { FEEDBACK_REPORT_FILE, studentFeedback } from "../reports/student-feedback.ts";
import type { MoodleApi, MoodleParticipant } from "./moodle-api.ts";
import { type PushContext, type PushOutcome, pushInBatches, rubricTotal } from "./push-context.ts";
import { appendPushJournal, readPushJournal } from "./push-journal.ts";
import { type LmsNow, type NotPushed, planPush, type PushTarget, SAME } from "./push-plan.ts";

// The folder Moodle's download gives a team assignment's students in no group (mod/assign/classes/downloader.php).
const DEFAULT_TEAM_ENTRY = /^Default group_assignsubmission_[a-z0-9]+(?:_|$)/;

// `labgrade push moodle`: each graded row's grade to its Moodle user, found among the assignment's participants by
// the participant id the export's folder carries (list_participants' recordid, in newer Moodles), else by the full
// name it carries (older Moodles give no participant ids), or, for a team assignment,
// to every member of the group whose id the folder carries. mod_assign_save_grades sets the grade, the feedback
// comment and the feedback files in one request, which is safe to repeat. Sends nothing unless ctx.apply.
export async function pushMoodle(api: MoodleApi, ctx: PushContext, key: string, course: string, cmid: string): Promise<PushOutcome> {
  const info = await api.assignment(course, cmid);
  if (info.grade <= 0) throw new HarnessError("BAD_INPUT", `Expected the Moodle assignment "${info.name}" to be graded in points; it is ${info.grade < 0 ? "graded on a scale" : "not graded"}.`, "Set the assignment's Grade type to Point in Moodle: labgrade's grades are points.");
  const max = lmsMaximum("moodle", rubricTotal(ctx.report), { exported: { value: info.grade, source: `the maximum grade of "${info.name}" in Moodle` } }, ctx.scale);
  const journal = await readPushJournal(ctx.journalFile, key);
  const [participants, listed] = await Promise.all([api.participants(info.id), api.grades(info.id)]);
  for (const w of listed.warnings) ctx.onNote(`Moodle's mod_assign_get_grades warned (${w.code}${w.item ? `, ${w.item} ${w.itemId ?? ""}`.trimEnd() : ""}): ${w.message}${listed.grades === null ? (info.teams ? ". A team assignment's grades are never listed: the journal says what labgrade pushed." : ". It listed no grades, so what Moodle holds is unknown: nothing is pushed without --force.") : ""}`);
  const { targets, notPushed } = moodleTargets(ctx.report.rows, participants, info, (score) => lmsPoints(score, max));
  const now = new Map<string, LmsNow>([...(listed.grades ?? [])].map(([userId, g]) => [userId, { grade: g.grade, changedAt: g.modified }]));
  // mod_assign_get_grades lists a grade only beside the user's own submission (its SQL joins assign_grades to
  // assign_submission by userid), which a team member usually lacks: the journal says what labgrade pushed them.
  // For an individual assignment, an answer of warnings alone leaves every grade unknown: safest is to send none.
  const lines = planPush(targets, now, journal.done, ctx.force, { unlisted: info.teams, unknown: !info.teams && listed.grades === null });
  const outcome: PushOutcome = { lms: "Moodle", assignment: info.name, max, lines, notPushed, pushed: 0, failed: [] };
  if (!ctx.apply) return outcome;
  return pushInBatches(ctx, outcome, async (batch) => {
    const updates = [];
    for (const target of batch) {
      const html = target.row.reportDir === null ? undefined : ctx.reports.get(target.row.reportDir);
      const draftItemId = html === undefined ? undefined : await api.uploadDraft(FEEDBACK_REPORT_FILE, Buffer.from(html, "utf8"), "text/html");
      updates.push({ userId: target.userId, grade: target.points, commentHtml: feedbackHtml(studentFeedback(target.row)), ...(draftItemId ? { draftItemId } : {}) });
    }
    const entries = (targets: readonly PushTarget[], phase: "sent" | "done") => targets.map((target) => ({ assignment: key, user: target.userId, phase, grade: target.points }));
    await appendPushJournal(ctx.journalFile, entries(batch, "sent"), ctx.now());
    await api.saveGrades(info.id, updates);
    // save_grades answers null whatever it did: what Moodle kept is read back. A team member's grade is never
    // listed, so a team's batch is taken on the answer alone.
    const notTaken = info.teams ? [] : notKept(batch, (await api.grades(info.id)).grades);
    const kept = batch.filter((target) => !notTaken.some((n) => n.target === target));
    await appendPushJournal(ctx.journalFile, entries(kept, "done"), ctx.now());
    return { notTaken };
  });
}

// The grades Moodle did not keep, read back after mod_assign_save_grades: assign::update_grade drops, without a word,
// a grade above the maximum or below 0, and a grade locked or overridden in the gradebook (grading_disabled) is
// never saved.
function notKept(batch: readonly PushTarget[], after: ReadonlyMap<string, { grade: number | null }> | null): Array<{ target: PushTarget; why: string }> {
  return batch.flatMap((target) => {
    const held = after?.get(target.userId)?.grade ?? null;
    if (held !== null && Math.abs(held - target.points) < SAME) return [];
    return [{ target, why: `Moodle did not keep the grade ${target.points} (it holds ${held ?? "none"} after saving). mod_assign_save_grades ignores without a word a grade above the assignment's maximum, and a grade locked or overridden in the gradebook: check the participant in Moodle's gradebook (Grader report), unlock or remove the override, and push again.` }];
  });
}

function moodleTargets(rows: readonly ClassReportRow[], participants: readonly MoodleParticipant[], info: { teams: boolean; blind: boolean }, points: (score: number) => number): { targets: PushTarget[]; notPushed: NotPushed[] } {
  const byName = new Map<string, MoodleParticipant[]>();
  for (const p of participants) byName.set(moodleFileName(p.fullName), [...(byName.get(moodleFileName(p.fullName)) ?? []), p]);
  const targets: PushTarget[] = [];
  const notPushed: NotPushed[] = [];
  const taken = new Set<string>();
  for (const row of rows) {
    const found = row.status !== "graded" || row.score === null ? { why: `${row.status}: no grade to push (Moodle keeps the one it has)` } : membersOf(row, participants, byName, info);
    if ("why" in found) {
      notPushed.push({ student: row.student, why: found.why });
      continue;
    }
    for (const member of found.members) {
      if (taken.has(member.userId)) notPushed.push({ student: row.student, why: `Moodle user ${member.userId} already has another row's grade: check whose hand-in this is` });
      else {
        taken.add(member.userId);
        targets.push({ userId: member.userId, name: member.fullName, group: found.group, row, points: points(row.score!), commented: true });
      }
    }
  }
  return { targets, notPushed };
}

// The participants a row's grade goes to: a team's members by the group id of its folder (or those in no group for
// the "Default group" folder), else the participant with the folder's participant id, or its full name.
function membersOf(row: ClassReportRow, participants: readonly MoodleParticipant[], byName: ReadonlyMap<string, MoodleParticipant[]>, info: { teams: boolean; blind: boolean }): { members: MoodleParticipant[]; group: string | null } | { why: string } {
  const identity = rowIdentity(row);
  if (info.teams && row.entry.split(" + ").some((e) => DEFAULT_TEAM_ENTRY.test(baseName(e)))) {
    const members = participants.filter((p) => p.groupId === null);
    return members.length ? { members, group: "Default group" } : { why: "no participant of the assignment is in the Default group" };
  }
  if (identity?.lms !== "moodle") return { why: "not from a Moodle export: its entry names carry no participant id" };
  if (info.teams) {
    const members = participants.filter((p) => p.groupId === identity.participantId);
    return members.length ? { members, group: identity.fullName } : { why: `no participant of the assignment is in group ${identity.fullName} (id ${identity.participantId})` };
  }
  // Newer Moodles give each participant's recordid, the id in the folder's name: exact, whatever the names or blind marking.
  if (participants.some((p) => p.recordId !== null)) {
    const found = participants.filter((p) => p.recordId === identity.participantId);
    return found.length === 1 ? { members: found, group: null } : { why: `no participant of the assignment has participant id ${identity.participantId}: is the export from this assignment?` };
  }
  if (info.blind || identity.fullName === "") return { why: "blind marking hides whose hand-in this is: reveal identities in Moodle and push again, or upload moodle-grades.csv" };
  const named = byName.get(moodleFileName(identity.fullName)) ?? [];
  if (named.length === 1) return { members: named, group: null };
  return { why: named.length === 0 ? `no participant of the assignment is named "${identity.fullName}"` : `${named.length} participants are named "${identity.fullName}": upload moodle-grades.csv, which goes by participant id` };
}
