import { createRequire } from "node:module";
import type { Ignore } from "@balena/dockerignore";

// @balena/dockerignore is CommonJS (module.exports = factory) while its types describe an ES default export.
const factory = createRequire(import.meta.url)("@balena/dockerignore") as (options?: { ignorecase?: boolean }) => Ignore;

// Whether a context path is left out by a .dockerignore, matched the way the docker CLI matches it.
export function dockerignoreMatcher(text: string): (relativePath: string) => boolean {
  const rules = factory({ ignorecase: false }).add(text);
  return (relativePath) => rules.ignores(relativePath);
}
