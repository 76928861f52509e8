import { readConfig } from "../config.ts";
import type { Engine } from "../docker/connect.ts";
import { openEngine } from "../docker/open-engine.ts";

let engine: Promise<Engine> | undefined;

// The engine the Docker-backed tests drive: the one labgrade itself would find.
export function testEngine(): Promise<Engine> {
  return (engine ??= openEngine(readConfig()));
}
