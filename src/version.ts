import { readFileSync } from "node:fs";

// labgrade's own version, from package.json, for reports and --version.
export function version(): string {
  return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
}
