import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evidenceDigest } from "../evidence/digest.ts";
import type { Evidence, EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import { snapshotOf } from "../evidence/evidence-file.ts";
import { labFolder, loadLab } from "../labfile/index.ts";
import { assessEvidence } from "./assess-evidence.ts";
import { stepsInDoubt } from "./steps-in-doubt.ts";
import { trustLab } from "./trust-context.ts";

// The volumes and networks lab: a step a kind (volume-created reads volumes, network-created networks, the
// container steps containers), so a reason that doubts too much shows as a step in doubt that should not be.
const lab = await loadLab("docker-volumes-networks");
const genuine = JSON.parse(readFileSync(path.join(labFolder(lab), "walks", "full-walk", "evidence.json"), "utf8")) as EvidenceFileV2;
const NOW = new Date("2026-12-05T12:00:00Z");

// The genuine walk edited by hand, its digest made again: what a student who read the source would hand in.
function edited(change: (f: EvidenceFileV2) => void): Evidence {
  const f = structuredClone(genuine);
  change(f);
  f.digest = evidenceDigest(f);
  return { format: 3, snapshot: snapshotOf(f), file: f };
}

function judged(evidence: Evidence) {
  const trust = assessEvidence(evidence, { now: NOW, lab: trustLab(lab) });
  return { codes: [...new Set(trust.reasons.map((r) => r.code))], touches: [...new Set(trust.reasons.flatMap((r) => r.touches ?? []))], inDoubt: stepsInDoubt(trust, lab.steps) };
}

// The lab's engine steps that read a kind of fact: what a reason about that kind puts in doubt.
function readers(fact: string): string[] {
  return lab.steps.filter((s) => s.kind === "engine" && (s.reads as readonly string[]).includes(fact)).map((s) => s.id);
}

describe("what a reason found on a volume, a network or an image puts in doubt", () => {
  it("the genuine walk gives no reason", () => {
    expect(judged(edited(() => undefined)).codes).toEqual([]);
  });
  it("a volume edited in the graded facts doubts the volume steps only", () => {
    expect(judged(edited((f) => (f.volumes![0]!.labels = { course: "inf201" })))).toEqual({ codes: ["fact-mismatch"], touches: ["volumes"], inDoubt: ["volume-created"] });
  });
  it("a network edited in the graded facts doubts the network steps only", () => {
    expect(judged(edited((f) => (f.networks!.find((n) => n.name === "labnet")!.internal = true)))).toEqual({ codes: ["fact-mismatch"], touches: ["networks"], inDoubt: readers("networks") });
  });
  it("an image's tag added in the graded facts doubts the image steps, not the volume, network or container steps", () => {
    const { codes, touches, inDoubt } = judged(edited((f) => f.images[0]!.tags.push("labdata:latest")));
    expect(codes).toEqual(["fact-mismatch"]);
    expect(touches).toEqual(["images"]);
    expect(inDoubt).toEqual(readers("images"));
  });
  it("the engine's version edited in the graded facts doubts the engine step", () => {
    expect(judged(edited((f) => (f.engine!.operatingSystem = "Ubuntu 24.04 LTS")))).toEqual({ codes: ["fact-mismatch"], touches: ["engine"], inDoubt: ["docker-engine"] });
  });
  it("a volume with no create event among the engine's events doubts the volume steps, not the container steps", () => {
    const judgedFile = judged(edited((f) => (f.raw!.events!.events = f.raw!.events!.events.filter((e) => !(e.Type === "volume" && e.Action === "create")))));
    expect(judgedFile).toEqual({ codes: ["events-missing-create"], touches: ["volumes"], inDoubt: ["volume-created"] });
  });
  it("a network with no create event doubts the network steps", () => {
    const judgedFile = judged(edited((f) => (f.raw!.events!.events = f.raw!.events!.events.filter((e) => !(e.Type === "network" && e.Action === "create")))));
    expect(judgedFile).toEqual({ codes: ["events-missing-create"], touches: ["networks"], inDoubt: readers("networks") });
    expect(readers("networks")).toEqual(["network-created", "server-isolated"]);
  });
  it("a time found wrong on an image or a container doubts that kind only", () => {
    const late = edited((f) => {
      // A day after the collection, in the facts and in the engine's image list alike (which gives seconds).
      const image = f.images.find((i) => i.tags.length > 0)!;
      image.created = "2026-12-05T18:00:00.000Z";
      f.raw!.imageList.find((d) => d.Id === image.id)!.Created = Date.parse(image.created) / 1000;
    });
    expect(judged(late)).toMatchObject({ codes: ["time-after-collection"], touches: ["images"] });
  });
  it("the collection outside the assignment's dates doubts every step reading the engine's state, volumes and networks too", () => {
    const trust = assessEvidence(edited(() => undefined), { now: NOW, lab: trustLab(lab), window: { start: new Date("2026-09-01T00:00:00Z"), end: new Date("2026-09-14T23:59:59Z") } });
    const collection = trust.reasons.find((r) => r.message.startsWith("The evidence was collected"));
    expect(collection?.touches).toEqual(expect.arrayContaining(["volumes", "networks", "containers", "images"]));
    expect(stepsInDoubt(trust, lab.steps)).toEqual(lab.steps.filter((s) => s.kind === "engine" && s.id !== "docker-engine").map((s) => s.id));
  });
});
