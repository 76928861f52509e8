import type { ClassRow } from "../model/class-row.ts";

// Which students' work looks the same: evidence showing the same container ids (random 256-bit ids do
// not coincide by chance), or byte-identical hand-ins that are more than the handout's app. A signal
// for the instructor; it changes no points.
export function sameWork(rows: readonly ClassRow[]): Map<string, string[]> {
  const links = new Map<string, Set<string>>(rows.map((r) => [r.student, new Set<string>()]));
  const link = (group: string[]) => {
    for (const a of group) for (const b of group) if (a !== b) links.get(a)?.add(b);
  };
  const byContainer = new Map<string, string[]>();
  const byContent = new Map<string, string[]>();
  for (const row of rows) {
    for (const id of new Set(row.signals.containerIds)) push(byContainer, id, row.student);
    if (row.signals.contentHash && !row.signals.handout) push(byContent, row.signals.contentHash, row.student);
  }
  for (const group of [...byContainer.values(), ...byContent.values()]) if (group.length > 1) link(group);
  return new Map([...links].map(([student, others]) => [student, [...others].sort()]));
}

function push(map: Map<string, string[]>, key: string, student: string): void {
  const list = map.get(key);
  if (list) list.push(student);
  else map.set(key, [student]);
}
