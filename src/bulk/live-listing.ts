import type { ClassListing, HandIn } from "../intake/hand-in.ts";
import type { RosterEntry } from "./roster.ts";

// The class `bulk --live` grades: every roster student (with their hand-in from the export when it has one),
// and the export's other students, judged as without --live from the evidence.json they handed in.
export function liveListing(roster: readonly RosterEntry[], exported: ClassListing | null): ClassListing {
  const handIns = new Map((exported?.submissions ?? []).map((h) => [h.student, h]));
  const onRoster = new Set(roster.map((e) => e.student));
  const fromRoster = roster.map((entry): HandIn => {
    const handIn = handIns.get(entry.student);
    return handIn ? { ...handIn, name: entry.name || handIn.name } : { student: entry.student, name: entry.name, late: false, entries: [], lms: "plain" };
  });
  const offRoster = (exported?.submissions ?? []).filter((h) => !onRoster.has(h.student));
  const bare = roster.filter((e) => !e.folder && !handIns.has(e.student)).map((e) => e.student);
  const notes = [...(exported?.notes ?? [])];
  if (offRoster.length > 0) notes.push(`${offRoster.length} students in the export are not on the roster (${sample(offRoster.map((h) => h.student))}): graded from the evidence.json they handed in, as without --live`);
  if (bare.length > 0) notes.push(`${bare.length} roster students have no hand-in in the export and no folder column (${sample(bare)}): their engine is graded, and the app steps find no app`);
  const submissions = [...fromRoster, ...offRoster].sort((a, b) => (a.student < b.student ? -1 : a.student > b.student ? 1 : 0));
  return { kind: exported?.kind ?? "folder", submissions, ignored: exported?.ignored ?? [], notes };
}

const sample = (ids: string[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(", ")}, …` : ids.join(", "));
