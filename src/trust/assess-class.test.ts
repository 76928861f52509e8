import path from "node:path";
import { describe, expect, it } from "vitest";
import { evidenceDigest } from "../evidence/digest.ts";
import type { Evidence } from "../evidence/evidence-file-v2.ts";
import { readEvidence, snapshotOf } from "../evidence/evidence-file.ts";
import { FIXTURES } from "../../testing/fixtures.ts";
import { assessClass } from "./assess-class.ts";
import { handoutLab } from "../../testing/lab/lab-steps.ts";

const walk = (name: string) => readEvidence(path.join(FIXTURES, "evidence-v2/genuine", name, "evidence.json"));
const codes = (reasons: { code: string }[] | undefined) => [...new Set((reasons ?? []).map((r) => r.code))].sort();

function onAnotherEngine(evidence: Evidence, id: string): Evidence {
  if (evidence.format !== 2) throw new Error("format 2 expected");
  const file = structuredClone(evidence.file);
  file.raw!.info.ID = id;
  file.digest = evidenceDigest(file);
  return { format: 2, snapshot: snapshotOf(file), file };
}

describe("assessClass", () => {
  it("finds nothing between students on their own engines", async () => {
    const a = onAnotherEngine(await walk("full-walk"), "AAAA:BBBB");
    const b = onAnotherEngine(await walk("no-it"), "CCCC:DDDD");
    expect(assessClass([{ student: "ana", evidence: a }, { student: "ben", evidence: b }], handoutLab.marks).size).toBe(0);
  });
  it("says neutrally that one engine collected several students' evidence", async () => {
    const found = assessClass([{ student: "ana", evidence: await walk("full-walk") }, { student: "ben", evidence: await walk("no-it") }], handoutLab.marks);
    expect(codes(found.get("ana"))).toEqual(["class-shared-engine"]);
    expect(found.get("ben")![0]!.message).toMatch(/collected the evidence of ana, ben\. On a shared lab machine this is expected/);
  });
  it("names copied evidence, and copied evidence edited afterwards", async () => {
    const original = onAnotherEngine(await walk("full-walk"), "AAAA:BBBB");
    const copy = onAnotherEngine(original, "CCCC:DDDD");
    // A copy as it is: the same containers, and the fingerprints that would survive rewriting them.
    expect(codes(assessClass([{ student: "ana", evidence: original }, { student: "ben", evidence: copy }], handoutLab.marks).get("ben"))).toEqual(["class-same-containers", "class-same-timing", "class-shared-layer"]);
    const edited = structuredClone(copy) as Extract<Evidence, { format: 2 | 3 }>;
    const doc = edited.file.raw!.containers.find((c) => c.Name === "/mycontainer")!;
    (doc.Config as Record<string, unknown>).Tty = false;
    const found = assessClass([{ student: "ana", evidence: original }, { student: "ben", evidence: edited }], handoutLab.marks);
    expect(codes(found.get("ana"))).toEqual(["class-copied-edited", "class-same-containers", "class-same-timing", "class-shared-layer"]);
    expect(found.get("ben")!.find((r) => r.code === "class-copied-edited")!.message).toContain((doc.Id as string).slice(0, 12));
  });
});

describe("class signals kept in older journal rows", () => {
  it("compares rows without layers and timings on what they hold, beside rows with them", async () => {
    const { assessClassSignals, classSignals } = await import("./assess-class.ts");
    const current = classSignals(await walk("full-walk-26.1-overlay2"), handoutLab.marks);
    expect(current.layers?.length).toBeGreaterThan(0);
    expect(current.timings?.length).toBeGreaterThan(0);
    const older = { engineId: "OLD:ER", containers: current.containers.map((c) => ({ ...c, id: c.id.replace(/^./, "f") })) };
    expect(assessClassSignals([{ student: "ana", signals: current }, { student: "old", signals: older }]).size).toBe(0);
    const copied = assessClassSignals([{ student: "ana", signals: current }, { student: "ben", signals: { ...older, layers: current.layers!, timings: current.timings! } }]);
    expect(codes(copied.get("ben"))).toEqual(["class-same-timing", "class-shared-layer"]);
  });
});
