import path from "node:path";

// Where an engine may listen, in the order the docker CLI itself would look.
export interface Endpoint {
  /** As DOCKER_HOST would spell it: unix:///var/run/docker.sock, npipe:////./pipe/docker_engine, tcp://host:2375 */
  url: string;
  /** Why we look there, in words: "DOCKER_HOST", "the system socket", "rootless Docker" … */
  source: string;
}

export interface EndpointInputs {
  dockerHost: string | undefined;
  contextHost: string | undefined;
  platform: NodeJS.Platform;
  home: string;
  xdgRuntimeDir: string | undefined;
  uid: number | undefined;
}

export function candidateEndpoints(inputs: EndpointInputs): Endpoint[] {
  // An explicit DOCKER_HOST is what the user asked for: looking elsewhere would grade the wrong engine.
  if (inputs.dockerHost) return [{ url: inputs.dockerHost, source: "DOCKER_HOST" }];
  const found: Endpoint[] = [];
  if (inputs.contextHost) found.push({ url: inputs.contextHost, source: "the docker CLI's current context" });
  if (inputs.platform === "win32") {
    found.push({ url: "npipe:////./pipe/docker_engine", source: "the Windows named pipe (Docker Desktop)" });
    return dedupe(found);
  }
  found.push({ url: "unix:///var/run/docker.sock", source: "the system socket" });
  const runtimeDir = inputs.xdgRuntimeDir ?? (inputs.uid !== undefined ? `/run/user/${inputs.uid}` : undefined);
  if (runtimeDir) found.push({ url: `unix://${path.posix.join(runtimeDir, "docker.sock")}`, source: "rootless Docker" });
  if (inputs.home) {
    found.push({ url: `unix://${path.posix.join(inputs.home, ".docker/run/docker.sock")}`, source: "Docker Desktop" });
    found.push({ url: `unix://${path.posix.join(inputs.home, ".docker/desktop/docker.sock")}`, source: "Docker Desktop" });
  }
  return dedupe(found);
}

function dedupe(endpoints: Endpoint[]): Endpoint[] {
  const seen = new Set<string>();
  return endpoints.filter((e) => (seen.has(e.url) ? false : (seen.add(e.url), true)));
}

// dockerode's constructor options for an endpoint URL.
export function dockerodeOptions(url: string): { socketPath: string } | { host: string; port: number; protocol: "http" | "https" } {
  if (url.startsWith("unix://")) return { socketPath: url.slice("unix://".length) };
  if (url.startsWith("npipe://")) return { socketPath: url.slice("npipe://".length).replace(/\//g, "\\") };
  const parsed = new URL(url.replace(/^tcp:/, "http:"));
  const protocol = parsed.protocol === "https:" ? "https" : "http";
  return { host: parsed.hostname, port: Number(parsed.port || (protocol === "https" ? 2376 : 2375)), protocol };
}
