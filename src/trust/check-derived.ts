import { deriveFacts, type DerivedFacts } from "../evidence/derive-facts.ts";
import { EVIDENCE_SCHEMA_V2, type EvidenceFileV2, type RawDocuments } from "../evidence/evidence-file-v2.ts";
import type { ContainerFact, ImageFact } from "../evidence/types.ts";
import type { EvidenceFact } from "../lab/trust-level.ts";
import { containerLabel, reason, shortId } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

const NO_LOGS = { text: "", truncated: false };
const IMAGES: EvidenceFact[] = ["images"];

// The main defence: every graded fact derived again from the engine's own documents, by the same mapping
// `labgrade collect` used, and compared field by field. An edited `name`, `tty` or tag disagrees with the
// inspect document it came from; a container added or dropped in the facts alone has no document, or one too many.
// Each mismatch doubts the kind of fact it was found on: an edited tag the image steps, not the container steps.
export function checkDerivedFacts(file: EvidenceFileV2): TrustReason[] {
  if (file.raw === null) {
    return file.engine === null ? [] : [reason("raw-missing", "The file names an engine but holds none of the engine's documents (`raw` is null): its facts cannot be checked. `labgrade collect` always writes them.")];
  }
  if (file.engine === null) return [reason("raw-missing", "The file says no engine answered (`engine` is null) yet holds the engine's documents: one of the two was edited.")];
  const format = file.schema === EVIDENCE_SCHEMA_V2 ? 2 : 3;
  const derived = derive(file.raw, file.containers, format);
  if ("problem" in derived) return [reason("raw-malformed", `The engine's documents in the file cannot be read as an engine writes them (${derived.problem}): they were edited by hand.`)];
  return [
    ...engineFacts(file, derived),
    ...containerFacts(file.containers, derived.containers),
    ...imageFacts(file.images, derived.images),
    ...(format === 3 ? [...namedFacts("volume", file.volumes ?? [], derived.volumes ?? []), ...namedFacts("network", file.networks ?? [], derived.networks ?? [])] : []),
  ];
}

function derive(raw: RawDocuments, facts: readonly ContainerFact[], format: 2 | 3): DerivedFacts | { problem: string } {
  const logs = new Map(facts.map((c) => [c.id, { text: c.logs, truncated: c.logsTruncated }]));
  try {
    return deriveFacts(raw, (id) => logs.get(id) ?? NO_LOGS, format);
  } catch (error) {
    return { problem: (error as Error).message };
  }
}

function engineFacts(file: EvidenceFileV2, derived: DerivedFacts): TrustReason[] {
  const engine = file.engine!;
  return (Object.keys(derived.engine) as (keyof typeof derived.engine)[])
    .filter((key) => engine[key] !== derived.engine[key])
    .map((key) => reason("fact-mismatch", `The engine's ${key} reads ${JSON.stringify(engine[key])} in the graded facts but ${JSON.stringify(derived.engine[key])} in the engine's own /version and /info documents.`, ["engine"]));
}

function containerFacts(facts: readonly ContainerFact[], derived: readonly ContainerFact[]): TrustReason[] {
  const reasons: TrustReason[] = [];
  const byId = new Map(derived.map((c) => [c.id, c]));
  for (const fact of facts) {
    const doc = byId.get(fact.id);
    if (!doc) {
      reasons.push(reason("fact-mismatch", `The container ${containerLabel(fact)} is in the graded facts but the engine's documents have no container with that id: it was added to the file by hand.`, ["containers", "logs"]));
      continue;
    }
    for (const key of Object.keys(doc) as (keyof ContainerFact)[]) {
      if (key === "logs" || key === "logsTruncated") continue; // the logs are not in any document
      if (!same(fact[key], doc[key])) {
        reasons.push(reason("fact-mismatch", `The container ${containerLabel(fact)} has ${key} ${JSON.stringify(fact[key])} in the graded facts but ${JSON.stringify(doc[key])} in its own inspect document (${inspectField(key)}).`, ["containers"]));
      }
    }
  }
  const inFacts = new Set(facts.map((c) => c.id));
  for (const doc of derived.filter((c) => !inFacts.has(c.id))) {
    reasons.push(reason("fact-mismatch", `The engine's documents hold the container ${containerLabel(doc)} (from ${doc.image}), but the graded facts leave it out: it was removed from the file by hand.`, ["containers"]));
  }
  return reasons;
}

function imageFacts(facts: readonly ImageFact[], derived: readonly ImageFact[]): TrustReason[] {
  const reasons: TrustReason[] = [];
  const byId = new Map(derived.map((i) => [i.id, i]));
  for (const fact of facts) {
    const doc = byId.get(fact.id);
    const name = `${shortId(fact.id)}${fact.tags.length ? ` (${fact.tags.join(", ")})` : ""}`;
    if (!doc) {
      reasons.push(reason("fact-mismatch", `The image ${name} is in the graded facts but not in the engine's image list: it was added to the file by hand.`, IMAGES));
      continue;
    }
    if (!same([...fact.tags].sort(), [...doc.tags].sort())) reasons.push(reason("fact-mismatch", `The image ${shortId(fact.id)} has the tags ${JSON.stringify(fact.tags)} in the graded facts but ${JSON.stringify(doc.tags)} in the engine's image list.`, IMAGES));
    if (fact.created !== doc.created) reasons.push(reason("fact-mismatch", `The image ${name} was created ${fact.created} in the graded facts but ${doc.created} in the engine's image list.`, IMAGES));
    if (fact.substitute !== doc.substitute) reasons.push(reason("fact-mismatch", `The image ${name} is ${fact.substitute ? "" : "not "}labgrade's offline substitute in the graded facts, but its labels say otherwise.`, IMAGES));
  }
  const inFacts = new Set(facts.map((i) => i.id));
  for (const doc of derived.filter((i) => !inFacts.has(i.id))) {
    reasons.push(reason("fact-mismatch", `The engine's image list holds the image ${shortId(doc.id)}${doc.tags.length ? ` (${doc.tags.join(", ")})` : ""}, but the graded facts leave it out.`, IMAGES));
  }
  return reasons;
}

// Volumes and networks, by name: each graded one as its document in the engine's list has it, and none left out.
function namedFacts<T extends { name: string }>(what: "volume" | "network", facts: readonly T[], derived: readonly T[]): TrustReason[] {
  const touches: EvidenceFact[] = [what === "volume" ? "volumes" : "networks"];
  const reasons: TrustReason[] = [];
  const byName = new Map(derived.map((d) => [d.name, d]));
  for (const fact of facts) {
    const doc = byName.get(fact.name);
    if (!doc) reasons.push(reason("fact-mismatch", `The ${what} \`${fact.name}\` is in the graded facts but not in the engine's ${what} list: it was added to the file by hand.`, touches));
    else if (!same(fact, doc)) reasons.push(reason("fact-mismatch", `The ${what} \`${fact.name}\` reads ${JSON.stringify(fact)} in the graded facts but ${JSON.stringify(doc)} in the engine's ${what} list.`, touches));
  }
  const inFacts = new Set(facts.map((f) => f.name));
  for (const doc of derived.filter((d) => !inFacts.has(d.name))) reasons.push(reason("fact-mismatch", `The engine's ${what} list holds \`${doc.name}\`, but the graded facts leave it out.`, touches));
  return reasons;
}

const INSPECT_FIELDS: Partial<Record<keyof ContainerFact, string>> = {
  name: "Name", image: "Config.Image", imageId: "Image", created: "Created", interactive: "Config.OpenStdin", tty: "Config.Tty", command: "Path and Args",
  status: "State.Status", everStarted: "State.StartedAt", exitCode: "State.ExitCode", startedAt: "State.StartedAt", finishedAt: "State.FinishedAt",
  mounts: "Mounts", networks: "NetworkSettings.Networks", env: "Config.Env", ports: "HostConfig.PortBindings", restart: "HostConfig.RestartPolicy", labels: "Config.Labels",
};

function inspectField(key: keyof ContainerFact): string {
  return INSPECT_FIELDS[key] ?? key;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
