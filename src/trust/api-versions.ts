// The API version each Docker Engine release serves (its maximum), from the "API version matrix" in Docker's
// documentation (docs.docker.com/reference/api/engine/#api-version-matrix, docker/docs
// content/reference/api/engine/_index.md). Keys are major.minor; patch releases serve their minor's API.
export const ENGINE_API_VERSIONS: Readonly<Record<string, string>> = {
  "17.03": "1.26", "17.04": "1.27", "17.05": "1.29", "17.06": "1.30", "17.07": "1.31", "17.09": "1.32", "17.10": "1.33", "17.11": "1.34", "17.12": "1.35",
  "18.02": "1.36", "18.03": "1.37", "18.04": "1.37", "18.05": "1.37", "18.06": "1.38", "18.09": "1.39",
  "19.03": "1.40", "20.10": "1.41", "23.0": "1.42", "24.0": "1.43", "25.0": "1.44", "26.0": "1.45", "26.1": "1.45",
  "27.0": "1.46", "27.1": "1.46", "27.2": "1.47", "27.3": "1.47", "27.4": "1.47", "27.5": "1.47",
  "28.0": "1.48", "28.1": "1.49", "28.2": "1.50", "28.3": "1.51", "28.4": "1.51", "28.5": "1.51",
  "29.0": "1.52", "29.1": "1.52",
};

/** The API version `engineVersion` serves; "newer" for a release after this table; null for text that is no release. */
export function apiVersionOf(engineVersion: string): string | "newer" | null {
  const match = /^v?(\d+)\.(\d+)/.exec(engineVersion.trim());
  if (!match) return null;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  // Releases from 23 on are numbered major.minor without a leading zero (23.0, 28.5); before, YY.MM (20.10).
  const key = major >= 23 ? `${major}.${minor}` : `${major}.${String(minor).padStart(2, "0")}`;
  const known = ENGINE_API_VERSIONS[key];
  if (known) return known;
  const newest = Object.keys(ENGINE_API_VERSIONS).map((k) => k.split(".").map(Number) as [number, number]).reduce((a, b) => (b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? b : a));
  return major > newest[0] || (major === newest[0] && minor > newest[1]) ? "newer" : null;
}

/** API versions compared as numbers ("1.9" < "1.41"). */
export function compareApi(a: string, b: string): number {
  const [am = 0, an = 0] = a.split(".").map(Number);
  const [bm = 0, bn = 0] = b.split(".").map(Number);
  return am - bm || an - bn;
}
