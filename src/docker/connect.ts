import Dockerode from "dockerode";
import { HarnessError } from "../errors.ts";
import { candidateEndpoints, dockerodeOptions, type Endpoint, type EndpointInputs } from "./endpoints.ts";

export interface Engine {
  docker: Dockerode;
  endpoint: Endpoint;
  /** The docker CLI's version, when openEngine asked it (the evidence records it). */
  clientVersion?: string | null;
}

export interface EngineProbe {
  endpoint: Endpoint;
  ok: boolean;
  problem?: string;
}

// Pings each candidate endpoint in turn, each bounded by timeoutMs.
export async function probeEndpoints(inputs: EndpointInputs, timeoutMs: number): Promise<{ engine?: Engine; probes: EngineProbe[] }> {
  const probes: EngineProbe[] = [];
  for (const endpoint of candidateEndpoints(inputs)) {
    if (endpoint.url.startsWith("ssh://")) {
      probes.push({ endpoint, ok: false, problem: "labgrade reads an engine over SSH only for `labgrade grade --engine ssh://…` and `labgrade bulk --live`, and builds on a local one" });
      continue;
    }
    const docker = new Dockerode({ ...dockerodeOptions(endpoint.url), timeout: timeoutMs });
    try {
      await docker.ping();
      probes.push({ endpoint, ok: true });
      // The probing timeout would cut long builds and pulls short: hand out a client without one.
      return { engine: { docker: new Dockerode(dockerodeOptions(endpoint.url)), endpoint }, probes };
    } catch (error) {
      probes.push({ endpoint, ok: false, problem: describeConnectError(error) });
    }
  }
  return { probes };
}

export async function connectEngine(inputs: EndpointInputs, timeoutMs: number): Promise<Engine> {
  const { engine, probes } = await probeEndpoints(inputs, timeoutMs);
  if (engine) return engine;
  const tried = probes.map((p) => `${p.endpoint.url} (${p.endpoint.source}): ${p.problem}`).join("; ");
  throw new HarnessError("ENGINE_UNREACHABLE", `No Docker engine answered. Tried ${tried}.`, "Start Docker (Docker Desktop, or `sudo systemctl start docker`), then run `labgrade doctor`.");
}

export function describeConnectError(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === "ENOENT") return "no socket there";
  if (code === "ECONNREFUSED") return "nothing listens there";
  if (code === "EACCES") return "permission denied (add yourself to the docker group, or use sudo)";
  if (code === "ETIMEDOUT" || /timeout/i.test(String((error as Error).message))) return "no answer in time";
  return (error as Error).message ?? String(error);
}
