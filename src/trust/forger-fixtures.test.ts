import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readEvidence } from "../evidence/evidence-file.ts";
import { judgeEngine } from "../lab/judge.ts";
import { FIXTURES } from "../../testing/fixtures.ts";
import { assessClass } from "./assess-class.ts";
import { assessEvidence } from "./assess-evidence.ts";
import { handoutLab, HANDOUT_TRUST } from "../../testing/lab/lab-steps.ts";

const NOW = new Date("2026-12-06T12:00:00Z");
const root = (set: string) => path.join(FIXTURES, "evidence-v2", set);
const codes = (reasons: ReadonlyArray<{ code: string }> = []) => [...new Set(reasons.map((r) => r.code))].sort();
const statuses = (results: ReturnType<typeof judgeEngine>) => Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.status]));

// What a forger who has read src/trust/ can still do unseen (scripts/forge-evidence.ts): each is collected with no
// reason, and docs/trust.md names it in its table of limits, with why no offline check sees it.
describe("the stated limits", () => {
  const trustDoc = readFileSync(path.join(FIXTURES, "../docs/trust.md"), "utf8");
  for (const name of readdirSync(root("limits")).sort()) {
    it(`${name}: collected, no reason, and stated in docs/trust.md`, async () => {
      const dir = path.join(root("limits"), name);
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as { steps: Record<string, string>; limit: string };
      const evidence = await readEvidence(path.join(dir, "evidence.json"));
      expect(assessEvidence(evidence, { now: NOW, lab: HANDOUT_TRUST })).toEqual({ level: "collected", reasons: [] });
      expect(statuses(judgeEngine(handoutLab, { kind: "snapshot", snapshot: evidence.snapshot, source: "evidence-file" }))).toEqual(expected.steps);
      expect(trustDoc).toContain(`\`limits/${expected.limit}\``);
    });
  }
});

// The class's forgeries: each case graded as one class, every student with exactly the class reasons stated.
describe("the class's forgeries and genuine classes", () => {
  for (const name of readdirSync(root("class")).sort()) {
    it(name, async () => {
      const dir = path.join(root("class"), name);
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as { reasons: Record<string, string[]> };
      const students = readdirSync(dir).filter((s) => s !== "expected.json").sort();
      const entries = await Promise.all(students.map(async (student) => ({ student, evidence: await readEvidence(path.join(dir, student, "evidence.json")) })));
      const found = assessClass(entries, handoutLab.marks);
      for (const student of students) expect({ student, codes: codes(found.get(student)) }).toEqual({ student, codes: [...(expected.reasons[student] ?? [])].sort() });
      // Every class reason names the students it joins: at least two.
      for (const reasons of found.values()) for (const r of reasons) expect(students.filter((s) => r.message.includes(s)).length).toBeGreaterThanOrEqual(2);
    });
  }
});

// Format 3 as the current collect writes it (volumes, networks, their events), recorded on every engine of the
// matrix (labgrade lab record --throwaway): no reason alone, and none graded as one class.
describe("genuine format-3 evidence on every engine of the matrix", () => {
  const dir = root("../evidence-v3/genuine");
  const names = readdirSync(dir).sort();
  for (const name of names) {
    it(`${name}: collected, no reason`, async () => {
      const evidence = await readEvidence(path.join(dir, name, "evidence.json"));
      expect(evidence.format).toBe(3);
      expect(assessEvidence(evidence, { now: NOW, lab: HANDOUT_TRUST })).toEqual({ level: "collected", reasons: [] });
    });
  }
  it("graded as one class, one student an engine: no class reason", async () => {
    const walks = names.filter((n) => n.startsWith("full-walk-"));
    expect(walks.length).toBeGreaterThanOrEqual(5);
    const entries = await Promise.all(walks.map(async (student) => ({ student, evidence: await readEvidence(path.join(dir, student, "evidence.json")) })));
    expect([...assessClass(entries, handoutLab.marks)]).toEqual([]);
  });
});
