import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { shippedFiles } from "./shipped-files.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));

// labgrade's own version, from package.json, for reports and --version.
export function version(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string }).version;
}

let digest: string | undefined;

// The version and a digest of labgrade's own sources (the checks, the capture backend, everything under src/):
// what resume keys and result caches use, so a fix to a check regrades instead of serving the old verdict,
// even when package.json's version did not move.
export function codeIdentity(): string {
  if (digest === undefined) {
    const hash = createHash("sha256");
    for (const file of shippedFiles(ROOT).filter((f) => f.startsWith("src/"))) hash.update(`${file.slice("src/".length)}\0`).update(readFileSync(path.join(ROOT, file)));
    digest = hash.digest("hex").slice(0, 16);
  }
  return `${version()}+${digest}`;
}
