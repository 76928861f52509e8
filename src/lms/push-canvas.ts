import { HarnessError } from "../errors.ts";
import { lmsMaximum, lmsPoints } from "../reports/lms-maximum.ts";
import { rowIdentity } from "../reports/lms-rows.ts";
import { FEEDBACK_REPORT_FILE, studentFeedback } from "../reports/student-feedback.ts";
import type { CanvasApi, CanvasSubmission } from "./canvas-api.ts";
import { digest, type PushContext, type PushOutcome, pushInBatches, rubricTotal } from "./push-context.ts";
import { appendPushJournal, type PushJournal, readPushJournal } from "./push-journal.ts";
import { holdGroups } from "./push-groups.ts";
import { type LmsNow, type NotPushed, planPush, type PushTarget } from "./push-plan.ts";

// How long a Progress may take before labgrade stops waiting (the grades may still land: a rerun reads them).
const PROGRESS_LIMIT_MS = 10 * 60_000;

// `labgrade push canvas`: each graded row's grade to its Canvas user (or, for a group assignment graded as one, to
// every member of the group: the hand-in is keyed by one member's id), through update_grades, with the feedback as
// the comment's text and the report attached. Reads Canvas first; sends nothing unless ctx.apply.
export async function pushCanvas(api: CanvasApi, ctx: PushContext, key: string): Promise<PushOutcome> {
  const info = await api.assignment();
  if (info.gradingType === "not_graded") throw new HarnessError("BAD_INPUT", `Expected a Canvas assignment that takes a grade; "${info.name}" is not graded.`, "Set the assignment's Display Grade as to Points in Canvas.");
  const max = lmsMaximum("canvas", rubricTotal(ctx.report), info.pointsPossible === null ? {} : { exported: { value: info.pointsPossible, source: `the points possible of "${info.name}" in Canvas` } }, ctx.scale);
  let journal = await readPushJournal(ctx.journalFile, key);
  if (journal.pending.size > 0) journal = await settlePending(api, ctx, key, journal);
  const submissions = await api.submissions();
  const { targets, notPushed } = canvasTargets(ctx, submissions, info.gradeAsGroup, (score) => lmsPoints(score, max));
  const now = new Map<string, LmsNow>(submissions.map((s) => [s.userId, { grade: s.score, changedAt: s.gradedAt, excused: s.excused }]));
  const lines = holdGroups(planPush(targets, now, journal.done, ctx.force));
  const outcome: PushOutcome = { lms: "Canvas", assignment: info.name, max, lines, notPushed, pushed: 0, failed: [] };
  if (!ctx.apply) return outcome;
  return pushInBatches(ctx, outcome, async (batch) => {
    const updates = [];
    for (const target of batch) {
      const fileIds = target.commented ? await reportFile(api, ctx, key, journal, target) : [];
      updates.push({ userId: target.userId, postedGrade: target.points, ...(target.commented ? { comment: studentFeedback(target.row), groupComment: target.group !== null, fileIds } : {}) });
    }
    const progress = await api.updateGrades(updates);
    const entries = (phase: "sent" | "done") => batch.map((target) => ({ assignment: key, user: target.userId, phase, grade: target.points, progress: progress.id }));
    await appendPushJournal(ctx.journalFile, entries("sent"), ctx.now());
    const finished = await waitFor(api, ctx, progress.id);
    const why = `Canvas's update_grades ${finished.state === "failed" ? `failed: ${finished.message ?? "no message"}` : `was still ${finished.state} after ${PROGRESS_LIMIT_MS / 60_000} minutes`}`;
    if (finished.state !== "completed") return { notTaken: batch.map((target) => ({ target, why })) };
    await appendPushJournal(ctx.journalFile, entries("done"), ctx.now());
    return { notTaken: [] };
  });
}

// Who each graded row's grade goes to, by Canvas user id, and which rows cannot be pushed.
function canvasTargets(ctx: PushContext, submissions: readonly CanvasSubmission[], gradeAsGroup: boolean, points: (score: number) => number): { targets: PushTarget[]; notPushed: NotPushed[] } {
  const byUser = new Map(submissions.map((s) => [s.userId, s]));
  const targets: PushTarget[] = [];
  const notPushed: NotPushed[] = [];
  const taken = new Set<string>();
  for (const row of ctx.report.rows) {
    const identity = rowIdentity(row);
    if (identity?.lms !== "canvas") notPushed.push({ student: row.student, why: "not from a Canvas export: its entry names carry no Canvas user id" });
    else if (identity.userId === null) notPushed.push({ student: row.student, why: "graded anonymously: the export gives only an anonymous id; push after Canvas posts the grades' identities, or use canvas-feedback.zip" });
    else if (row.status !== "graded" || row.score === null) notPushed.push({ student: row.student, why: `${row.status}: no grade to push (Canvas keeps the one it has)` });
    else if (!byUser.has(identity.userId)) notPushed.push({ student: row.student, why: `Canvas user ${identity.userId} has no submission for this assignment: not a student of it?` });
    else {
      const own = byUser.get(identity.userId)!;
      const members = gradeAsGroup && own.group ? submissions.filter((s) => s.group?.id === own.group!.id) : [own];
      for (const member of members) {
        if (taken.has(member.userId)) notPushed.push({ student: row.student, why: `Canvas user ${member.userId} already has another row's grade: check whose hand-in this is` });
        else {
          taken.add(member.userId);
          const group = gradeAsGroup && own.group ? { group: own.group.name, groupId: own.group.id } : { group: null };
          targets.push({ userId: member.userId, name: member.name || row.name, ...group, row, points: points(row.score), commented: member.userId === identity.userId });
        }
      }
    }
  }
  return { targets, notPushed };
}

// The student's report, uploaded once as a comment file and reused on a rerun while it has not changed.
async function reportFile(api: CanvasApi, ctx: PushContext, key: string, journal: PushJournal, target: PushTarget): Promise<string[]> {
  const html = target.row.reportDir === null ? undefined : ctx.reports.get(target.row.reportDir);
  if (html === undefined) return [];
  const known = journal.files.get(target.userId);
  if (known?.digest === digest(html)) return [known.id];
  const id = await api.uploadCommentFile(target.userId, FEEDBACK_REPORT_FILE, Buffer.from(html, "utf8"), "text/html");
  const file = { digest: digest(html), id };
  journal.files.set(target.userId, file);
  await appendPushJournal(ctx.journalFile, [{ assignment: key, user: target.userId, phase: "file", file }], ctx.now());
  return [id];
}

// A push stopped while Canvas was working: what became of each request it had sent, asked before anything else.
async function settlePending(api: CanvasApi, ctx: PushContext, key: string, journal: PushJournal): Promise<PushJournal> {
  for (const [id, users] of journal.pending) {
    const state = await waitFor(api, ctx, id);
    ctx.onNote(`A push stopped halfway had sent ${users.length} grade${users.length === 1 ? "" : "s"} (progress ${id}): Canvas says ${state.state}${state.state === "completed" ? "; they are not sent again" : "; what Canvas does not hold is sent again"}.`);
    if (state.state === "completed") await appendPushJournal(ctx.journalFile, users.map((user) => ({ assignment: key, user, phase: "done" as const, progress: id })), ctx.now());
  }
  return readPushJournal(ctx.journalFile, key);
}

async function waitFor(api: CanvasApi, ctx: PushContext, id: string) {
  const started = ctx.now().getTime();
  for (let pause = 250; ; pause = Math.min(pause * 2, 5000)) {
    const progress = await api.progress(id);
    if (progress.state === "completed" || progress.state === "failed" || ctx.now().getTime() - started > PROGRESS_LIMIT_MS) return progress;
    await ctx.sleep(pause);
  }
}
