import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import { readEvidence } from "../evidence/evidence-file.ts";
import { judgeEngine } from "../lab/judge.ts";
import { evidenceFixtures, FIXTURES } from "../../testing/fixtures.ts";
import { assessEvidence, FORMAT_1_NOTE } from "./assess-evidence.ts";
import { REASON_CODES } from "./reason-codes.ts";
import type { TrustContext } from "./trust-context.ts";
import { handoutLab, HANDOUT_REFERENCE, HANDOUT_TRUST } from "../../testing/lab/lab-steps.ts";

// Grading happens after collection: a fixed day after the walks were recorded, so that the test reads the same any day.
const NOW = new Date("2026-12-04T12:00:00Z");

interface Expected {
  description: string;
  steps: Record<string, string>;
  trust: { level: "collected" | "suspicious"; reasons: string[] };
  context?: { requireFormat?: 2; window?: { start: string; end: string } };
}

function fixtures(set: "genuine" | "forged") {
  const root = path.join(FIXTURES, "evidence-v2", set);
  return readdirSync(root)
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
      const window = expected.context?.window;
      const context: TrustContext = {
        now: NOW,
        lab: HANDOUT_TRUST,
        dockerfile: readDockerfileFacts(readFileSync(path.join(dir, "Dockerfile"), "utf8")),
        ...(expected.context?.requireFormat ? { requireFormat: expected.context.requireFormat } : {}),
        ...(window ? { window: { start: new Date(window.start), end: new Date(window.end) } } : {}),
      };
      return { name, file: path.join(dir, "evidence.json"), expected, context };
    });
}

const statuses = (results: ReturnType<typeof judgeEngine>) => Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.status]));

// Evidence collected from real walks on an engine (labgrade lab record --throwaway): never a reason.
describe("genuine format-2 evidence", () => {
  for (const fixture of fixtures("genuine")) {
    it(`${fixture.name}: collected, no reason, the verdicts it states`, async () => {
      const evidence = await readEvidence(fixture.file);
      expect(evidence.format).toBe(2);
      expect(assessEvidence(evidence, fixture.context)).toEqual({ level: "collected", reasons: [] });
      expect(fixture.expected.trust).toEqual({ level: "collected", reasons: [] });
      expect(statuses(judgeEngine(handoutLab, { kind: "snapshot", snapshot: evidence.snapshot, source: "evidence-file" }))).toEqual(fixture.expected.steps);
    });
  }
});

// Each made from a genuine walk by one kind of hand edit, or several (scripts/forge-evidence.ts).
describe("forged evidence", () => {
  for (const fixture of fixtures("forged")) {
    it(`${fixture.name}: suspicious with ${fixture.expected.trust.reasons.join(", ")}`, async () => {
      const evidence = await readEvidence(fixture.file);
      const trust = assessEvidence(evidence, fixture.context);
      expect(trust.level).toBe("suspicious");
      expect([...new Set(trust.reasons.map((r) => r.code))].sort()).toEqual([...fixture.expected.trust.reasons].sort());
      for (const r of trust.reasons) {
        expect(Object.keys(REASON_CODES)).toContain(r.code);
        expect(r.message.length).toBeGreaterThan(40);
      }
      // The forgery earns what its facts say: the points it gained are there, flagged, never silently changed.
      expect(statuses(judgeEngine(handoutLab, { kind: "snapshot", snapshot: evidence.snapshot, source: "evidence-file" }))).toEqual(fixture.expected.steps);
    });
  }
  it("holds every reason a single file can earn", () => {
    const earned = new Set(fixtures("forged").flatMap((f) => f.expected.trust.reasons));
    for (const code of Object.keys(REASON_CODES).filter((c) => !c.startsWith("class-"))) expect({ code, earned: earned.has(code) }).toEqual({ code, earned: true });
  });
  it("covers every kind of edit", () => {
    const names = fixtures("forged").map((f) => f.name);
    for (const kind of ["name-", "tty-", "pythonapp-tag-", "container-removed", "times-", "image-id-changed", "raw-doc-edited", "stale-digest", "format-1-downgrade", "dockerfile-mismatch"]) {
      expect(names.some((n) => n.includes(kind))).toBe(true);
    }
  });
});

// labgrade.evidence/1 files stay readable and graded as before, at level collected with a note.
describe("format-1 evidence", () => {
  const files = [...evidenceFixtures().map((f) => f.evidenceFile), path.join(HANDOUT_REFERENCE, "evidence.json")];
  for (const file of files) {
    it(`${path.relative(FIXTURES, file)}: collected with the note, and a reason where format 2 is required`, async () => {
      const evidence = await readEvidence(file);
      expect(evidence.format).toBe(1);
      expect(assessEvidence(evidence, { now: NOW, lab: HANDOUT_TRUST })).toEqual({ level: "collected", reasons: [], note: FORMAT_1_NOTE });
      const required = assessEvidence(evidence, { now: NOW, lab: HANDOUT_TRUST, requireFormat: 2 });
      expect(required.level).toBe("suspicious");
      expect(required.reasons.map((r) => r.code)).toEqual(["format-too-old"]);
    });
  }
});

describe("TRUST.md", () => {
  it("explains every reason code", () => {
    const doc = readFileSync(new URL("./TRUST.md", import.meta.url), "utf8");
    for (const code of Object.keys(REASON_CODES)) expect(doc).toContain(`| \`${code}\` |`);
  });
});
