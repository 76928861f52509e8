import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readDockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import { readEvidence } from "../evidence/evidence-file.ts";
import { judgeEngine } from "../lab/judge.ts";
import { loadLab } from "../labfile/index.ts";
import { FIXTURES } from "../../testing/fixtures.ts";
import { assessClass } from "./assess-class.ts";
import { assessEvidence } from "./assess-evidence.ts";
import { trustLab } from "./trust-context.ts";

// Forgeries of format-3 evidence for every lab, made by a red team who read src/trust/: volumes, networks, compose
// replicas, engine claims. Each in forged/ is suspicious with the reasons it states; each in limits/ is collected
// with no reason, and docs/trust.md names it in its table of limits.
const NOW = new Date("2026-12-20T00:00:00Z");
const REPO = path.join(FIXTURES, "..");
const root = (set: string) => path.join(FIXTURES, "evidence-v3", set);

interface Expected {
  lab: string;
  dockerfile: string | null;
  steps: Record<string, string>;
  trust: { level: "collected" | "suspicious"; reasons: string[] };
  limit?: string;
}

async function graded(dir: string) {
  const expected = JSON.parse(readFileSync(path.join(dir, "expected.json"), "utf8")) as Expected;
  const lab = await loadLab(expected.lab, REPO);
  const evidence = await readEvidence(path.join(dir, "evidence.json"));
  const dockerfile = expected.dockerfile ? readDockerfileFacts(readFileSync(path.join(REPO, expected.dockerfile), "utf8")) : null;
  const trust = assessEvidence(evidence, { now: NOW, lab: trustLab(lab), dockerfile });
  const steps = Object.fromEntries(Object.entries(judgeEngine(lab, { kind: "snapshot", snapshot: evidence.snapshot, source: "evidence-file" })).map(([id, r]) => [id, r.status]));
  return { expected, trust, steps };
}

describe("format-3 forgeries of every lab", () => {
  for (const name of readdirSync(root("forged")).sort()) {
    it(`${name}: suspicious, with the reasons it states`, async () => {
      const { expected, trust, steps } = await graded(path.join(root("forged"), name));
      expect(trust.level).toBe("suspicious");
      expect([...new Set(trust.reasons.map((r) => r.code))].sort()).toEqual(expected.trust.reasons);
      expect(steps).toEqual(expected.steps);
    });
  }
});

describe("format-3 stated limits of every lab", () => {
  const trustDoc = readFileSync(path.join(REPO, "docs/trust.md"), "utf8");
  for (const name of readdirSync(root("limits")).sort()) {
    it(`${name}: collected, no reason, and stated in docs/trust.md`, async () => {
      const { expected, trust, steps } = await graded(path.join(root("limits"), name));
      expect(trust).toEqual({ level: "collected", reasons: [] });
      expect(steps).toEqual(expected.steps);
      expect(trustDoc).toContain(`\`${expected.limit}\``);
    });
  }
});

// A container spliced from another file of the same engine keeps the read-write layer the engine drew for it: graded
// with the file it came from, both students get the class reason.
describe("a splice graded with the file it came from", () => {
  const cases = [
    ["vn-splice-same-engine-jittered", "labs/docker-volumes-networks/walks/full-walk", "docker-volumes-networks"],
    ["cp-splice-replicas-with-events", "labs/docker-compose/walks/full-walk", "docker-compose"],
  ] as const;
  for (const [forgery, source, labId] of cases) {
    it(`${forgery}: class-same-rw-layer for both students`, async () => {
      const lab = await loadLab(labId, REPO);
      const files = { forger: path.join(root("limits"), forgery, "evidence.json"), source: path.join(REPO, source, "evidence.json") };
      expect(existsSync(files.source)).toBe(true);
      const entries = await Promise.all(Object.entries(files).map(async ([student, file]) => ({ student, evidence: await readEvidence(file) })));
      const found = assessClass(entries, lab.marks);
      for (const student of Object.keys(files)) expect(found.get(student)?.map((r) => r.code)).toContain("class-same-rw-layer");
    });
  }
});
