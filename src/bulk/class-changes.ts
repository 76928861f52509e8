import type { ClassChanges, ClassReportRow, ClassRow, StudentChange } from "../model/class-row.ts";

type Step = ClassRow["steps"][number];
/** A journal's row, or a row as the reports show it (`--suspicious review` holds some). */
type AnyRow = ClassRow | ClassReportRow;

const side = (row: AnyRow): StudentChange["before"] => ({
  status: row.status,
  score: row.score,
  maxScore: row.maxScore,
  rubric: row.rubric ?? "",
  labgrade: row.labgrade ?? "",
});
const verdict = (step: Step | undefined) => (step ? { status: step.status, points: step.points, maxPoints: step.maxPoints, message: step.message } : null);

function stepChanges(before: AnyRow, after: AnyRow): StudentChange["steps"] {
  const ids = [...new Set([...after.steps.map((s) => s.id), ...before.steps.map((s) => s.id)])];
  return ids.flatMap((id) => {
    const old = before.steps.find((s) => s.id === id);
    const now = after.steps.find((s) => s.id === id);
    if (old && now && old.status === now.status && old.points === now.points && old.maxPoints === now.maxPoints) return [];
    return [{ id, title: (now ?? old)!.title, before: verdict(old), after: verdict(now) }];
  });
}

// Ungraded sorts as lowest: a grade that disappeared (a new error) is a grade that went down.
const delta = (c: StudentChange): number => (c.after.score ?? -Infinity) - (c.before.score ?? -Infinity);

// Two gradings of one class, student by student: whose total, status or step verdicts moved. Students graded only
// once are not changes (a new hand-in, or one the earlier run had not reached). A grade that went down comes first,
// the biggest drop first; then the others by student id.
export function compareClasses(before: Iterable<AnyRow>, after: Iterable<AnyRow>, baseline: string): ClassChanges {
  const old = new Map([...before].map((row) => [row.student, row]));
  const students: StudentChange[] = [];
  let compared = 0;
  for (const row of after) {
    const earlier = old.get(row.student);
    if (!earlier) continue;
    compared++;
    const steps = stepChanges(earlier, row);
    if (steps.length === 0 && earlier.score === row.score && earlier.status === row.status && earlier.maxScore === row.maxScore) continue;
    students.push({ student: row.student, name: row.name, before: side(earlier), after: side(row), steps });
  }
  students.sort((a, b) => {
    const down = Number(delta(b) < 0) - Number(delta(a) < 0);
    if (down !== 0) return down;
    if (delta(a) < 0 && delta(b) < 0 && delta(a) !== delta(b)) return delta(a) - delta(b);
    return a.student < b.student ? -1 : a.student > b.student ? 1 : 0;
  });
  return { baseline, students, compared };
}
