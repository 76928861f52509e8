import { parseImageRef, sameRepository, shortName } from "../dockerfile/image-ref.ts";

// How students spell image references and container names, and the names they plausibly meant.

// The repository a reference names, without tag or digest, in Docker Hub's short form whichever Hub host is
// written: "docker.io/library/python:latest" → "python", "hello-world@sha256:…" → "hello-world",
// "someone/app" keeps its owner. Text that is no reference is returned trimmed.
export function tagRepo(tag: string): string {
  const ref = parseImageRef(tag.trim());
  return ref ? shortName(ref) : tag.trim();
}

// Whether a reference (a container's Config.Image, an image tag) names `repo`, with any tag or digest.
export function isImageRef(ref: string, repo: string): boolean {
  const a = parseImageRef(ref.trim());
  const b = parseImageRef(repo.trim());
  return a !== null && b !== null && sameRepository(a, b);
}

// Whether a reference names what a lab's `tag` says: any tag of its repository (`pythonapp`), or with a tag
// written (`pythonapp:v1`) that tag exactly, an untagged reference meaning `latest` as the engine reads it.
export function isTaggedAs(ref: string, wanted: string): boolean {
  const a = parseImageRef(ref.trim());
  const b = parseImageRef(wanted.trim());
  if (a === null || b === null || !sameRepository(a, b)) return false;
  return b.tag === null || (a.tag ?? "latest") === b.tag;
}

// A tag as a student would type it, its name as written: "python:latest" → "python", "python:3.12" stays.
export function shortRef(tag: string): string {
  const ref = parseImageRef(tag);
  return ref?.tag === "latest" && !ref.digest ? tag.slice(0, -":latest".length) : tag;
}

// The candidates a student plausibly meant by `name` (case and separator variants, a typo or two),
// closest first, leaving out `name` itself.
export function nearMisses(name: string, candidates: readonly string[]): string[] {
  const target = normalize(name);
  const scored = [...new Set(candidates)]
    .filter((candidate) => candidate !== name)
    .map((candidate) => ({ candidate, distance: levenshtein(normalize(candidate), target) }))
    .filter(({ distance }) => distance <= 2);
  return scored.sort((a, b) => a.distance - b.distance).map(({ candidate }) => candidate);
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, "");
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
