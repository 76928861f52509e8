import { readdirSync } from "node:fs";
import os from "node:os";
import { testEngine } from "./engine.ts";

export interface EngineState {
  dangling: string[];
  containers: string[];
  temp: string[];
}

// What a run could leave behind: the engine's untagged images and containers, and labgrade's temp files.
export async function engineState(): Promise<EngineState> {
  const { docker } = await testEngine();
  return {
    dangling: (await docker.listImages({ all: true, filters: { dangling: ["true"] } })).map((i) => i.Id).sort(),
    containers: (await docker.listContainers({ all: true })).map((c) => c.Id).sort(),
    temp: readdirSync(os.tmpdir()).filter((n) => /^labgrade-(build|layers)-\d+-/.test(n)).sort(),
  };
}

// What is there now that was not before (what went away — a killed run's leftovers swept — is fine),
// waiting up to `patienceMs` for the engine to finish removing a cancelled build's container.
export async function leftSince(before: EngineState, patienceMs = 20_000): Promise<EngineState> {
  const deadline = Date.now() + patienceMs;
  for (;;) {
    const now = await engineState();
    const added = {
      dangling: now.dangling.filter((x) => !before.dangling.includes(x)),
      containers: now.containers.filter((x) => !before.containers.includes(x)),
      temp: now.temp.filter((x) => !before.temp.includes(x)),
    };
    if ((added.dangling.length === 0 && added.containers.length === 0 && added.temp.length === 0) || Date.now() > deadline) return added;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const NOTHING_LEFT: EngineState = { dangling: [], containers: [], temp: [] };
