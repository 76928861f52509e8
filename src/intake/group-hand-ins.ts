import type { EntryMatch, HandIn } from "./hand-in.ts";

// One hand-in per student. Entries merge only when their LMS says they are one student's parts (Canvas
// flat files of one user id, Moodle folders of one participant); two hand-ins that merely share an id are
// two people until someone checks, so the later one is graded as `<id>~2` and a note says so.
export function groupHandIns(matches: readonly EntryMatch[]): { submissions: HandIn[]; notes: string[] } {
  const groups = new Map<string, EntryMatch[]>();
  for (const match of matches) {
    const key = match.groupKey ?? `entry:${match.entry}`;
    groups.set(key, [...(groups.get(key) ?? []), match]);
  }
  const handIns = [...groups.values()].map(toHandIn).sort(claimOrder);
  const ids = new Set(handIns.map((h) => h.student));
  const used = new Set<string>();
  const notes: string[] = [];
  const submissions = handIns.map((handIn) => {
    if (!used.has(handIn.student)) {
      used.add(handIn.student);
      return handIn;
    }
    const unique = freeId(handIn.student, (id) => used.has(id) || ids.has(id));
    used.add(unique);
    notes.push(
      `Expected each student id once; "${handIn.student}" is also the id of ${handIn.entries.join(" + ")}. ` +
        `Graded that as "${unique}": check whose it is before releasing grades.`,
    );
    return { ...handIn, student: unique };
  });
  return { submissions: submissions.sort((a, b) => compare(a.student, b.student)), notes };
}

function toHandIn(parts: EntryMatch[]): HandIn {
  const sorted = [...parts].sort((a, b) => compare(a.entry, b.entry));
  const first = sorted[0];
  if (!first) throw new Error("groupHandIns: a group is never empty");
  // Canvas's re-upload needs one attachment of the submission: a part that has one (a file, not a text entry).
  const identity = sorted.find((p) => p.identity?.lms === "canvas" && p.identity.attachmentId !== null)?.identity ?? sorted.find((p) => p.identity)?.identity;
  return {
    student: first.student,
    name: sorted.find((p) => p.name !== "")?.name ?? "",
    late: sorted.some((p) => p.late),
    entries: sorted.map((p) => p.entry),
    lms: first.lms,
    ...(identity ? { identity } : {}),
  };
}

// Who keeps the bare id on a clash: an LMS-recognised hand-in before a plain name, then by first entry.
function claimOrder(a: HandIn, b: HandIn): number {
  return compare(a.student, b.student) || Number(a.lms === "plain") - Number(b.lms === "plain") || compare(a.entries[0] ?? "", b.entries[0] ?? "");
}

function freeId(id: string, taken: (candidate: string) => boolean): string {
  let n = 2;
  while (taken(`${id}~${n}`)) n += 1;
  return `${id}~${n}`;
}

// Code-unit order: the same on every machine and locale.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
