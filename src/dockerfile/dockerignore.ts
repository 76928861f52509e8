import { createRequire } from "node:module";
import type { Ignore } from "@balena/dockerignore";

// @balena/dockerignore is CommonJS (module.exports = factory) while its types describe an ES default export.
const factory = createRequire(import.meta.url)("@balena/dockerignore") as (options?: { ignorecase?: boolean }) => Ignore;

function patternsOf(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}

// Whether a context path is left out by a .dockerignore, matched as the docker CLI on Linux matches it
// (case-sensitively), so the hint and the build agree.
export function dockerignoreMatcher(text: string): (relativePath: string) => boolean {
  const rules = factory({ ignorecase: false }).add(patternsOf(text));
  return (relativePath) => rules.ignores(relativePath.replace(/^(\.\/|\/)+/, ""));
}

// The .dockerignore line that keeps `file` out of the build context, or null when the file is sent.
export function dockerignoreExcludes(text: string, file: string): string | null {
  if (!dockerignoreMatcher(text)(file)) return null;
  return patternsOf(text).findLast((p) => !p.startsWith("!") && dockerignoreMatcher(p)(file)) ?? null;
}
