import { createHash } from "node:crypto";
import { canonicalJson } from "../evidence/digest.ts";
import type { Evidence } from "../evidence/evidence-file-v2.ts";
import type { ClassSignals, TrustReason } from "../lab/trust-level.ts";
import { isLabContainer } from "../lab/lab-container.ts";
import type { LabMarks } from "../lab/lab.ts";
import { assessClassFingerprints } from "./assess-class-fingerprints.ts";
import { builtLayers, labReadWriteLayers, labTimings } from "./class-fingerprints.ts";
import { text } from "./raw-fields.ts";
import { reason } from "./reason.ts";

export type { ClassSignals };

export interface ClassEvidence {
  /** How the class knows the student (their folder or LMS name). */
  student: string;
  evidence: Evidence;
}

// The facts of one evidence file that the class checks compare.
export function classSignals(evidence: Evidence, marks: LabMarks): ClassSignals {
  const engineId = evidence.format !== 1 ? (text(evidence.file.raw?.info, "ID") ?? null) : null;
  const lab = evidence.snapshot.containers.filter((c) => isLabContainer(marks, c));
  const containers = lab.map((c) => {
    const doc = evidence.format !== 1 ? evidence.file.raw?.containers.find((d) => d.Id === c.id) : undefined;
    return { id: c.id, name: c.name, doc: doc ? createHash("sha256").update(canonicalJson(doc)).digest("hex") : null };
  });
  if (evidence.format === 1) return { engineId, containers };
  return { engineId, containers, layers: builtLayers(evidence.file, lab), timings: labTimings(evidence.file, lab), rwLayers: labReadWriteLayers(evidence.file, lab) };
}

// Across a class: the same engine behind several students (a shared lab machine, or copied evidence: a signal,
// said neutrally), the same lab containers in several students' evidence, and the same container's document
// differing between them (copied, then edited). Returns each student's reasons; students with none are left out.
export function assessClass(entries: readonly ClassEvidence[], marks: LabMarks): Map<string, TrustReason[]> {
  return assessClassSignals(entries.map(({ student, evidence }) => ({ student, signals: classSignals(evidence, marks) })));
}

export function assessClassSignals(entries: ReadonlyArray<{ student: string; signals: ClassSignals }>): Map<string, TrustReason[]> {
  const out = new Map<string, TrustReason[]>();
  const add = (student: string, r: TrustReason) => out.set(student, [...(out.get(student) ?? []), r]);
  const engines = new Map<string, string[]>();
  for (const { student, signals } of entries) {
    if (signals.engineId) engines.set(signals.engineId, [...(engines.get(signals.engineId) ?? []), student]);
  }
  for (const [id, students] of engines) {
    const unique = [...new Set(students)];
    if (unique.length < 2) continue;
    for (const s of unique) add(s, reason("class-shared-engine", `The same Docker engine (id ${id.slice(0, 14)}…) collected the evidence of ${unique.join(", ")}. On a shared lab machine this is expected; otherwise the evidence may have been copied.`));
  }
  const containers = new Map<string, Array<{ student: string; name: string; doc: string | null }>>();
  for (const { student, signals } of entries) {
    for (const c of signals.containers) containers.set(c.id, [...(containers.get(c.id) ?? []), { student, name: c.name, doc: c.doc }]);
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
  assessClassFingerprints(entries, add);
  return out;
}
