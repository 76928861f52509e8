// An image reference read the way the engine reads it: github.com/distribution/reference's grammar and its
// ParseNormalizedNamed (the FROM line, `docker pull`, a tag). One parser for every image name labgrade meets.

export interface ImageRef {
  /** The registry, as the engine names it: `docker.io` when none is written (and for index.docker.io). */
  domain: string;
  /** The repository in that registry, Docker Hub's implied `library/` written out: `library/python`. */
  path: string;
  tag: string | null;
  /** `sha256:<64 hex>`; with a tag too, the engine builds on the digest. */
  digest: string | null;
  /** The name as `docker images` shows it: `python`, `someone/app`, `localhost:5000/python`. */
  familiar: string;
}

export type ImageRefReading = { ref: ImageRef } | { invalid: string };

const HUB = "docker.io";
// Not rewritten to docker.io by the engine (an image pulled by it keeps this name), but the same registry.
const HUB_REGISTRY_HOST = "registry-1.docker.io";
const LEGACY_HUB = "index.docker.io";
const LIBRARY = "library/";
const INVALID = "invalid reference format";

const ALPHANUMERIC = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|[-]+)";
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const HOST = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])`;
const DOMAIN = new RegExp(`^${HOST}(?::[0-9]+)?$`);
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
const REMAINDER = new RegExp(`^(${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const DIGEST_HEX: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

// The reference, or the engine's reason for refusing it ("invalid reference format: repository name must be lowercase").
export function readImageRef(text: string): ImageRefReading {
  if (/^[a-f0-9]{64}$/.test(text)) return { invalid: `invalid repository name (${text}), cannot specify 64-byte hexadecimal strings` };
  const { domain, remainder } = splitDomain(text);
  const colon = remainder.indexOf(":");
  const remote = colon >= 0 ? remainder.slice(0, colon) : remainder;
  if (remote.toLowerCase() !== remote) return { invalid: `${INVALID}: repository name must be lowercase` };
  const match = REMAINDER.exec(remainder);
  if (!match || !DOMAIN.test(domain)) return { invalid: INVALID };
  const [, path = "", tag, digest] = match;
  if (domain.length + 1 + path.length > 255) return { invalid: "repository name must not be more than 255 characters" };
  const digestProblem = digest === undefined ? null : checkDigest(digest);
  if (digestProblem) return { invalid: digestProblem };
  return { ref: { domain, path, tag: tag ?? null, digest: digest ?? null, familiar: familiarName(domain, path) } };
}

export function parseImageRef(text: string): ImageRef | null {
  const reading = readImageRef(text);
  return "ref" in reading ? reading.ref : null;
}

// Docker Hub, under any of the hosts a student may write for it.
export function isDockerHub(ref: ImageRef): boolean {
  return ref.domain === HUB || ref.domain === HUB_REGISTRY_HOST;
}

// Docker Hub's official image `name` (`python`), with any tag or digest: `python`, `library/python`,
// `docker.io/python`, `index.docker.io/library/python`, `registry-1.docker.io/library/python`.
export function isDockerHubLibrary(ref: ImageRef, name: string): boolean {
  return isDockerHub(ref) && ref.path === `${LIBRARY}${name}`;
}

// Whether two references name the same repository, whatever their tags and digests.
export function sameRepository(a: ImageRef, b: ImageRef): boolean {
  return (a.domain === b.domain || (isDockerHub(a) && isDockerHub(b))) && a.path === b.path;
}

// The repository in Docker Hub's short form whichever Hub host was written (`registry-1.docker.io/library/python`
// → `python`); other registries keep their name.
export function shortName(ref: ImageRef): string {
  return isDockerHub(ref) ? familiarName(HUB, ref.path) : ref.familiar;
}

// What the engine resolves: `docker.io/library/python:latest` (`latest` implied unless a digest is given).
export function normalizedRef(ref: ImageRef): string {
  const tag = ref.tag ?? (ref.digest ? null : "latest");
  return `${ref.domain}/${ref.path}${tag ? `:${tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}

// As a student would type it: `python:3.12`, `python@sha256:…`.
export function familiarRef(ref: ImageRef): string {
  return `${ref.familiar}${ref.tag ? `:${ref.tag}` : ""}${ref.digest ? `@${ref.digest}` : ""}`;
}

// The engine's rule: the part before the first `/` is a registry when it has a `.` or `:`, is `localhost`, or has
// an uppercase letter; otherwise the name is on Docker Hub, where a one-component name is an official image.
function splitDomain(text: string): { domain: string; remainder: string } {
  const slash = text.indexOf("/");
  const first = slash >= 0 ? text.slice(0, slash) : "";
  const written = slash >= 0 && (/[.:]/.test(first) || first === "localhost" || first.toLowerCase() !== first);
  const domain = written ? (first === LEGACY_HUB ? HUB : first) : HUB;
  const remainder = written ? text.slice(slash + 1) : text;
  return { domain, remainder: domain === HUB && !remainder.includes("/") ? `${LIBRARY}${remainder}` : remainder };
}

function familiarName(domain: string, path: string): string {
  if (domain !== HUB) return `${domain}/${path}`;
  const official = path.startsWith(LIBRARY) ? path.slice(LIBRARY.length) : null;
  return official !== null && !official.includes("/") ? official : path;
}

// github.com/opencontainers/go-digest: a known algorithm, and lowercase hex of its length.
function checkDigest(digest: string): string | null {
  const [algorithm = "", hex = ""] = digest.split(":");
  const length = DIGEST_HEX[algorithm];
  if (length === undefined) return "unsupported digest algorithm";
  if (hex.length !== length) return "invalid checksum digest length";
  return /^[a-f0-9]+$/.test(hex) ? null : "invalid checksum digest format";
}
