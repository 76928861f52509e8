import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import type { EvidenceFact } from "../lab/trust-level.ts";
import { repoTags, text } from "./raw-fields.ts";
import { containerLabel, reason, shortId } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

const CONTAINER_ID = /^[0-9a-f]{64}$/;
// "sha256:" and the digest; some engines' compatible APIs (Podman's) send the bare digest.
const IMAGE_ID = /^(sha256:)?[0-9a-f]{64}$/;
// A wrong id doubts the kind of object it names: a container's (its image id included) the containers, an image's the images.
const CONTAINERS: EvidenceFact[] = ["containers"];
const IMAGES: EvidenceFact[] = ["images"];

// Ids as engines make them: 64 lowercase hex digits, each once, and the same in every document naming the object.
export function checkIds(file: EvidenceFileV2): TrustReason[] {
  const reasons: TrustReason[] = [];
  for (const c of file.containers) {
    if (!CONTAINER_ID.test(c.id)) reasons.push(reason("id-malformed", `The container \`${c.name}\` has the id ${JSON.stringify(c.id)}; engines give 64 lowercase hex digits.`, CONTAINERS));
    if (!IMAGE_ID.test(c.imageId)) reasons.push(reason("id-malformed", `The container \`${c.name}\` runs the image id ${JSON.stringify(c.imageId)}; engines give sha256: and 64 lowercase hex digits.`, CONTAINERS));
  }
  for (const i of file.images) if (!IMAGE_ID.test(i.id)) reasons.push(reason("id-malformed", `The image ${JSON.stringify(i.tags)} has the id ${JSON.stringify(i.id)}; engines give sha256: and 64 lowercase hex digits.`, IMAGES));
  reasons.push(...duplicates(file.containers.map((c) => c.id), (id, n) => `The container id ${id.slice(0, 12)} appears ${n} times in the facts (${file.containers.filter((c) => c.id === id).map((c) => `\`${c.name}\``).join(", ")}); an engine gives each container its own.`, CONTAINERS));
  reasons.push(...duplicates(file.images.map((i) => i.id), (id, n) => `The image id ${shortId(id)} appears ${n} times in the image list; an engine lists each image once.`, IMAGES));
  const tags = file.images.flatMap((i) => i.tags);
  reasons.push(...duplicates(tags, (tag, n) => `The tag ${tag} is on ${n} images (${file.images.filter((i) => i.tags.includes(tag)).map((i) => shortId(i.id)).join(", ")}); an engine moves a tag, it never copies it.`, IMAGES));
  if (file.raw) reasons.push(...rawIds(file));
  return reasons;
}

// Where two raw documents describe the same object, they must agree.
function rawIds(file: EvidenceFileV2): TrustReason[] {
  const raw = file.raw!;
  const reasons: TrustReason[] = [];
  reasons.push(...duplicates(raw.containers.map((c) => String(c.Id)), (id, n) => `The engine's documents hold the container ${id.slice(0, 12)} ${n} times.`, CONTAINERS));
  if (raw.imageList.length !== raw.images.length) {
    reasons.push(reason("id-mismatch", `The engine's image list has ${raw.imageList.length} entries but ${raw.images.length} image inspect documents were handed in; collect writes one for each.`, IMAGES));
  }
  raw.imageList.forEach((entry, i) => {
    const inspect = raw.images[i];
    if (!inspect) return;
    const listed = String(entry.Id);
    if (text(inspect, "Id") !== listed) reasons.push(reason("id-mismatch", `The image list names ${shortId(listed)} where its inspect document names ${shortId(String(inspect.Id))}.`, IMAGES));
    else if (JSON.stringify(repoTags(entry).sort()) !== JSON.stringify(repoTags(inspect).sort())) {
      reasons.push(reason("id-mismatch", `The image ${shortId(listed)} has the tags ${JSON.stringify(repoTags(entry))} in the image list but ${JSON.stringify(repoTags(inspect))} in its inspect document.`, IMAGES));
    }
  });
  const listed = new Set(raw.imageList.map((e) => String(e.Id)));
  for (const id of Object.keys(raw.history)) if (!listed.has(id)) reasons.push(reason("id-mismatch", `The file holds the history of the image ${shortId(id)}, which the image list does not hold.`, IMAGES));
  for (const c of file.containers) {
    const doc = raw.containers.find((d) => d.Id === c.id);
    const config = doc && text(doc, "Config", "Hostname");
    // The engine names a container's host after the start of its id, unless told otherwise (--hostname).
    if (config && /^[0-9a-f]{12}$/.test(config) && !c.id.startsWith(config)) {
      reasons.push(reason("id-mismatch", `The container ${containerLabel(c)} has the hostname ${config}, which the engine makes from the first 12 digits of the id: the id was changed.`, CONTAINERS));
    }
  }
  return reasons;
}

function duplicates(ids: readonly string[], message: (id: string, times: number) => string, touches: readonly EvidenceFact[]): TrustReason[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([id, n]) => reason("id-duplicate", message(id, n), touches));
}
