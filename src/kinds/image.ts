import type { EngineSnapshot } from "../evidence/types.ts";
import { type CheckResult, passed } from "../lab/check-result.ts";
import { isTaggedAs, nearMisses, shortRef, tagRepo } from "../lab/names.ts";
import { failedWith, type KindHints } from "./hints.ts";

// What the `image` expectation of a lab file can say.
export interface ImageSpec {
  /** A repository (`pythonapp`: any tag of it) or one tag (`pythonapp:v1`: that tag exactly, present or removed). */
  tag: string;
  /** false: no image may carry the tag any more (`docker image rm`). Default true. */
  present?: boolean;
  /** With present: false, a container must show the image was used before it was removed. */
  used?: boolean;
  /** Said with the verdict of a removal, e.g. why untagging is enough. */
  note?: string;
  /** The handout's command that makes it, for hints (default `docker build -t <tag> .`). */
  build?: string;
}

// A tag present, or gone: `pythonapp` any tag of the repository, `pythonapp:v1` that tag alone (tags, not image ids: `docker image rm -f` untags an image a container still uses, and
// leaves it; `docker image rm python` only untags when pythonapp is built on it).
export function checkImage(snapshot: EngineSnapshot, spec: ImageSpec, hints: KindHints<"image">): CheckResult {
  return spec.present === false ? checkRemoved(snapshot, spec, hints) : checkPresent(snapshot, spec, hints);
}

function checkPresent(snapshot: EngineSnapshot, spec: ImageSpec, hints: KindHints<"image">): CheckResult {
  const repo = tagRepo(spec.tag);
  const tags = snapshot.images.flatMap((image) => image.tags);
  const mine = tags.filter((tag) => isTaggedAs(tag, spec.tag));
  if (mine.length > 0) return passed(`Found an image tagged ${mine.join(", ")}.`);
  const looksLike = tags.filter((tag) => resembles(tag, repo));
  const [closest] = looksLike;
  const vars = { tag: spec.tag, found: closest };
  if (closest) {
    return failedWith(hints, "near-miss", `Expected an image tagged \`${spec.tag}\`; found ${looksLike.map((tag) => `\`${tag}\``).join(", ")}.`, `Tag it: \`docker tag ${shortRef(closest)} ${spec.tag}\`.`, vars);
  }
  const build = spec.build ?? `docker build -t ${spec.tag} .`;
  return failedWith(hints, "missing", `Expected an image tagged \`${spec.tag}\`; found none.`, `Build it in the app's folder: \`${build}\`.`, vars);
}

// python-app, python_app, pythonApp, pythonap; or pythonapp under an owner (`docker build -t student/pythonapp .`).
function resembles(tag: string, repo: string): boolean {
  const name = tagRepo(tag).split("/").pop() ?? "";
  return name === repo || nearMisses(repo, [name]).length > 0;
}

function checkRemoved(snapshot: EngineSnapshot, spec: ImageSpec, hints: KindHints<"image">): CheckResult {
  const named = (tag: string) => isTaggedAs(tag, spec.tag);
  const note = spec.note;
  const tagged = snapshot.images.filter((image) => image.tags.some(named));
  if (tagged.length > 0) {
    const tags = tagged.flatMap((image) => image.tags.filter(named));
    const users = snapshot.containers.filter((c) => tagged.some((image) => image.id === c.imageId));
    const refs = tags.map(shortRef).join(" ");
    const hint =
      users.length > 0
        ? `Remove the tag with \`docker image rm -f ${refs}\`: -f because ${users.length === 1 ? "a container uses it" : `${users.length} containers use it`} (${users.map((c) => `\`${c.name}\``).join(", ")}); the containers stay.`
        : `Remove it: \`docker image rm ${refs}\`.`;
    const message = `Expected no image tagged ${spec.tag}; found ${tags.join(", ")}.${note ? ` Only the tag has to go; ${note}.` : ""}`;
    return failedWith(hints, "tagged", message, hint, { tag: spec.tag, tags: refs, found: tags.join(", ") });
  }
  if (!spec.used) return passed(`Found no image tagged ${spec.tag}${note ? ` (${note})` : ""}.`);
  const used = snapshot.containers.filter((c) => isTaggedAs(c.image, spec.tag));
  if (used.length === 0) {
    return failedWith(
      hints,
      "unused",
      `Expected ${spec.tag} to have been used before its image was removed; found no image tagged ${spec.tag}, but no container made from it either.`,
      `Run a container from it first (\`docker run ${spec.tag}\`), then remove the image: \`docker image rm -f ${spec.tag}\`.`,
      { tag: spec.tag },
    );
  }
  return passed(`Found no image tagged ${spec.tag}, and ${used.length === 1 ? "a container" : `${used.length} containers`} made from it (${used.map((c) => `\`${c.name}\``).join(", ")}): it was used, then removed.`);
}
