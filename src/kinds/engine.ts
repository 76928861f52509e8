import type { EngineSnapshot } from "../evidence/types.ts";
import { type CheckResult, passed } from "../lab/check-result.ts";
import { failedWith, type KindHints } from "./hints.ts";

/** The `engine` expectation: an engine answered. Nothing to say beyond it yet. */
export type EngineSpec = Record<string, never>;

export const START_ENGINE_HINT = "Start Docker Desktop and wait until it says the engine is running (on Linux: `sudo systemctl start docker`), then check with `docker version`.";

// An engine answered. The client's version is recorded when the docker CLI was found, but not required: the
// engine is what the lab's commands talk to.
export function checkEngine(snapshot: EngineSnapshot, hints: KindHints<"engine">): CheckResult {
  const client = snapshot.client.version ? `docker client ${snapshot.client.version}` : "no docker client found on PATH";
  const { engine } = snapshot;
  if (!engine) return failedWith(hints, "missing", `Expected a Docker engine to answer; found none (${client}).`, START_ENGINE_HINT);
  const where = snapshot.endpoint ? ` at ${snapshot.endpoint}` : "";
  return passed(`Docker engine ${engine.version} (API ${engine.apiVersion}, ${engine.operatingSystem}, ${engine.os}/${engine.arch}) answered${where}; ${client}.`);
}
