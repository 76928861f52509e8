import { canonicalJson } from "../evidence/digest.ts";
import type { Evidence } from "../evidence/evidence-file-v2.ts";
import { isLabContainer } from "./lab-containers.ts";
import { text } from "./raw-fields.ts";
import { reason } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

export interface ClassEvidence {
  /** How the class knows the student (their folder or LMS name). */
  student: string;
  evidence: Evidence;
}

// Across a class: the same engine behind several students (a shared lab machine, or copied evidence: a signal,
// said neutrally), the same lab containers in several students' evidence, and the same container's document
// differing between them (copied, then edited). Returns each student's reasons; students with none are left out.
export function assessClass(entries: readonly ClassEvidence[]): Map<string, TrustReason[]> {
  const out = new Map<string, TrustReason[]>();
  const add = (student: string, r: TrustReason) => out.set(student, [...(out.get(student) ?? []), r]);
  const engines = new Map<string, string[]>();
  for (const { student, evidence } of entries) {
    const id = evidence.format === 2 ? text(evidence.file.raw?.info, "ID") : undefined;
    if (id) engines.set(id, [...(engines.get(id) ?? []), student]);
  }
  for (const [id, students] of engines) {
    const unique = [...new Set(students)];
    if (unique.length < 2) continue;
    for (const s of unique) add(s, reason("class-shared-engine", `The same Docker engine (id ${id.slice(0, 14)}…) collected the evidence of ${unique.join(", ")}. On a shared lab machine this is expected; otherwise the evidence may have been copied.`));
  }
  const containers = new Map<string, Array<{ student: string; name: string; doc: string | null }>>();
  for (const { student, evidence } of entries) {
    for (const c of evidence.snapshot.containers.filter(isLabContainer)) {
      const doc = evidence.format === 2 ? evidence.file.raw?.containers.find((d) => d.Id === c.id) : undefined;
      containers.set(c.id, [...(containers.get(c.id) ?? []), { student, name: c.name, doc: doc ? canonicalJson(doc) : null }]);
    }
  }
  for (const [id, holders] of containers) {
    const students = [...new Set(holders.map((h) => h.student))];
    if (students.length < 2) continue;
    for (const s of students) add(s, reason("class-same-containers", `The container \`${holders.find((h) => h.student === s)!.name}\` (${id.slice(0, 12)}) is in the evidence of ${students.join(", ")}: container ids are made at random, so the same one means the same engine's work.`));
    const docs = new Set(holders.map((h) => h.doc).filter((d): d is string => d !== null));
    if (docs.size > 1) {
      for (const s of students) add(s, reason("class-copied-edited", `The container ${id.slice(0, 12)} appears in the evidence of ${students.join(", ")} with different inspect documents: one copy was edited.`));
    }
  }
  return out;
}
