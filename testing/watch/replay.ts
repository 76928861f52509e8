import { readFileSync } from "node:fs";
import type { RecordedWalk } from "../../src/watch/recorded-walk.ts";

// The walk recorded on a throwaway engine by record.ts.
export function handoutWalk(): RecordedWalk {
  return JSON.parse(readFileSync(new URL("../../fixtures/watch/handout-walk.json", import.meta.url), "utf8")) as RecordedWalk;
}
