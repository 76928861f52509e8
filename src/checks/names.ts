// How students spell image references and container names, and the names they plausibly meant.

/** The container the handout creates: `docker container create -i -t --name mycontainer hello-world`. */
export const MYCONTAINER = "mycontainer";
/** The image the handout builds: `docker build -t pythonapp .`. */
export const PYTHONAPP = "pythonapp";

// Docker Hub's official images answer to several spellings: "python", "library/python", "docker.io/library/python".
const HUB_HOSTS = ["docker.io/", "index.docker.io/", "registry-1.docker.io/"];

// The repository a reference names, without tag or digest, in Docker Hub's short form:
// "docker.io/library/python:latest" → "python", "hello-world@sha256:…" → "hello-world".
export function tagRepo(tag: string): string {
  let repo = tag.trim();
  const at = repo.indexOf("@");
  if (at >= 0) repo = repo.slice(0, at);
  const colon = repo.lastIndexOf(":");
  if (colon > repo.lastIndexOf("/")) repo = repo.slice(0, colon);
  const host = HUB_HOSTS.find((h) => repo.startsWith(h));
  if (host) repo = repo.slice(host.length);
  // "someone/app" keeps its owner; only the official images' "library/" namespace is implied.
  return repo.startsWith("library/") ? repo.slice("library/".length) : repo;
}

// Whether a reference (a container's Config.Image, an image tag) names `repo`, with any tag or digest.
export function isImageRef(ref: string, repo: string): boolean {
  return tagRepo(ref) === tagRepo(repo);
}

// A tag as a student would type it: "python:latest" → "python", "python:3.12" stays.
export function shortRef(tag: string): string {
  return tag.endsWith(":latest") ? tag.slice(0, -":latest".length) : tag;
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
