import type { EngineSnapshot } from "../../evidence/types.ts";
import { type CheckResult, failed, passed } from "./check-result.ts";

// docker-engine: an engine answered. The client's version is recorded when the docker CLI was found,
// but not required: the engine is what the lab's commands talk to.
export function checkDockerEngine(snapshot: EngineSnapshot): CheckResult {
  const client = snapshot.client.version ? `docker client ${snapshot.client.version}` : "no docker client found on PATH";
  const { engine } = snapshot;
  if (!engine) {
    return failed(
      `Expected a Docker engine to answer; found none (${client}).`,
      "Start Docker Desktop and wait until it says the engine is running (on Linux: `sudo systemctl start docker`), then check with `docker version`.",
    );
  }
  const where = snapshot.endpoint ? ` at ${snapshot.endpoint}` : "";
  return passed(`Docker engine ${engine.version} (API ${engine.apiVersion}, ${engine.operatingSystem}, ${engine.os}/${engine.arch}) answered${where}; ${client}.`);
}
