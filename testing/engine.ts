import { readConfig } from "../src/config.ts";
import type { Engine } from "../src/docker/connect.ts";
import { openEngine } from "../src/docker/open-engine.ts";

let engine: Promise<Engine> | undefined;

// The engine the Docker-backed tests drive: the one labgrade itself would find.
export function testEngine(): Promise<Engine> {
  return (engine ??= openEngine(readConfig()));
}
