import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import { parseImageRef, shortName } from "../dockerfile/image-ref.ts";
import { helloWorldBuilds, HELLO_WORLD_LINES, isKnownHelloWorld, SUBSTITUTE_LINE } from "./hello-world-releases.ts";
import { isHelloWorldRef } from "./known-images.ts";
import { containerLabel, reason, shortId } from "./reason.ts";
import type { TrustReason } from "./trust.ts";

// A container's image is one the engine has (listed, labgrade's private copies included), or one its siblings
// from the same image name share (an image removed after use), or a known hello-world release; and what a
// hello-world container printed is what hello-world prints.
export function checkImages(file: EvidenceFileV2): TrustReason[] {
  const listed = new Set((file.raw?.imageList ?? file.images).map((i) => String((i as { Id?: string; id?: string }).Id ?? (i as { id?: string }).id)));
  const arch = file.engine?.arch;
  const reasons: TrustReason[] = [];
  for (const c of file.containers) {
    if (listed.has(c.imageId)) continue;
    const siblings = file.containers.filter((o) => o.id !== c.id && sameName(o.image, c.image));
    const others = [...new Set(siblings.map((o) => o.imageId).filter((id) => id !== c.imageId))];
    if (siblings.length > 0 && others.length === 0) continue;
    if (isHelloWorldRef(c.image) && isKnownHelloWorld(c.imageId, arch)) continue;
    if (siblings.length === 0 && !isHelloWorldRef(c.image)) continue; // a student's own image, used once and removed
    // A hello-world release this table does not know, or two releases pulled months apart and both removed:
    // it printed hello-world's text, and no sibling runs an image the engine still holds (which it would share).
    if (isHelloWorldRef(c.image) && printsHelloWorld(c.logs) && !siblings.some((o) => listed.has(o.imageId))) continue;
    reasons.push(
      reason(
        "image-unknown",
        others.length > 0
          ? `The container ${containerLabel(c)} was made from ${c.image} with the image ${shortId(c.imageId)}, which the engine does not list, while ${siblings.filter((o) => o.imageId !== c.imageId).map(containerLabel).join(", ")} from the same name ran ${others.map(shortId).join(", ")}.`
          : `The container ${containerLabel(c)} was made from ${c.image} with the image ${shortId(c.imageId)}, which the engine does not list and which is no hello-world release labgrade knows.`,
      ),
    );
  }
  for (const c of file.containers.filter((c) => isHelloWorldRef(c.image) && c.everStarted && c.exitCode === 0 && c.logs.trim() !== "")) {
    const problem = helloWorldOutputProblem(c.logs, arch);
    if (problem) reasons.push(reason(problem.code, `The container ${containerLabel(c)} from hello-world ${problem.words}.`));
  }
  return reasons;
}

function sameName(a: string, b: string): boolean {
  const ra = parseImageRef(a.trim());
  const rb = parseImageRef(b.trim());
  return ra !== null && rb !== null ? shortName(ra) === shortName(rb) && (ra.tag ?? "latest") === (rb.tag ?? "latest") : a === b;
}

function printsHelloWorld(logs: string): boolean {
  const text = logs.replace(/\r\n/g, "\n");
  return HELLO_WORLD_LINES.every((line) => text.includes(line));
}

// Why the output is not hello-world's (null: it is). Only a whole, untruncated read is judged.
function helloWorldOutputProblem(logs: string, arch: string | undefined): { code: "hello-world-output" | "engine-arch"; words: string } | null {
  const text = logs.replace(/\r\n/g, "\n");
  const missing = HELLO_WORLD_LINES.filter((line) => !text.includes(line));
  // A container started several times printed several times; any other text is not hello-world's.
  if (missing.length > 0) return { code: "hello-world-output", words: `printed ${JSON.stringify(text.slice(0, 80))}… where hello-world prints "${missing[0]}"` };
  if (text.includes(SUBSTITUTE_LINE) || !arch) return null;
  const builds = helloWorldBuilds(arch);
  const printed = [...text.matchAll(/^\s+\(([a-z0-9]+)\)$/gm)].map((m) => m[1]!);
  const foreign = printed.filter((p) => builds !== undefined && !builds.includes(p));
  return foreign.length > 0 ? { code: "engine-arch", words: `printed the ${foreign[0]} build's message, on an engine whose architecture is ${arch}` } : null;
}
