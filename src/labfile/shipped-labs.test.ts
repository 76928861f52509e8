import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEvidence } from "../evidence/evidence-file.ts";
import { judgeEngine } from "../lab/judge.ts";
import { assessEvidence } from "../trust/assess-evidence.ts";
import { trustLab } from "../trust/trust-context.ts";
import { labFolder, labHandIns, labWalks, loadLab, shippedLabIds } from "./index.ts";
import { AUTHORED_LAB } from "../../testing/lab/authored-lab.ts";

// Every lab labgrade ships, whatever it is, and one written from the docs alone: it reads, its walks give the
// verdicts they state (and, recorded as genuine, earn no trust reason), and its hand-ins state a verdict for each of
// its steps. A new lab is tested here by adding its folder, and nothing else.
describe.each([...shippedLabIds(), AUTHORED_LAB])("the lab %s", async (ref) => {
  const lab = await loadLab(ref);

  it("reads, names a handout that is there, and its steps' ids are unique", () => {
    expect(lab.id).toBe(path.basename(ref));
    if (lab.handout && !/^[a-z]+:/.test(lab.handout)) expect(existsSync(path.join(labFolder(lab), lab.handout))).toBe(true);
    expect(new Set(lab.steps.map((s) => s.id)).size).toBe(lab.steps.length);
  });

  it("has walks recorded with a mistake besides the whole handout", () => {
    expect(labWalks(lab).map((w) => w.name)).toContain("full-walk");
    expect(labWalks(lab).length).toBeGreaterThan(1);
  });

  for (const walk of labWalks(lab)) {
    it(`walk ${walk.name}: the verdicts it states`, async () => {
      const evidence = await readEvidence(walk.evidenceFile);
      const judged = judgeEngine(lab, { kind: "snapshot", snapshot: evidence.snapshot, source: "evidence-file" });
      expect(Object.fromEntries(Object.entries(judged).map(([step, j]) => [step, j.status]))).toEqual(walk.steps);
      if (walk.trust) expect(assessEvidence(evidence, { now: new Date("2027-01-01T00:00:00Z"), lab: trustLab(lab) })).toMatchObject({ level: walk.trust.level, reasons: [] });
    });
  }

  it("has hand-ins that state a verdict for every step", () => {
    const cases = labHandIns(lab);
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) expect(Object.keys(c.steps).sort(), c.name).toEqual(lab.steps.map((s) => s.id).sort());
  });
});
