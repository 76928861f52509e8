import { createRequire } from "node:module";
import type Dockerode from "dockerode";
import { getContainerRuntimeClient } from "testcontainers";
import { HarnessError } from "../errors.ts";
import type { Endpoint } from "./endpoints.ts";

// testcontainers picks its engine itself, in this order (container-runtime/clients/client.js): `tc.host` in
// ~/.testcontainers.properties, then DOCKER_HOST or that file's `docker.host`, then /var/run/docker.sock, the
// rootless socket, the Windows pipe — and moves on to the next whenever one fails. One way to fail: inside a
// container (/.dockerenv), it inspects the engine's network `bridge` to find its host (utils/resolve-host.js);
// an engine without one fails the DOCKER_HOST strategy, and testcontainers quietly uses /var/run/docker.sock, a
// different engine. So its configuration is replaced by the graded engine alone, and the host it would look up
// is given (labgrade's app containers have no network and publish no ports: the host is never used).
const CONFIG_MODULE = "testcontainers/build/container-runtime/strategies/utils/config.js";

interface ConfigModule {
  getContainerRuntimeConfig: (env?: NodeJS.ProcessEnv) => Promise<Record<string, string | undefined>>;
}

/** What pinning did: false when testcontainers' configuration could not be replaced (its layout changed). */
export interface PinOutcome {
  configReplaced: boolean;
}

// Points testcontainers at the graded engine, whatever ~/.testcontainers.properties, DOCKER_HOST or /.dockerenv say.
// Takes effect if testcontainers has not chosen an engine yet in this process; sameEngineCheck() says whether it did.
export function pinTestcontainers(endpoint: Endpoint, env: NodeJS.ProcessEnv): PinOutcome {
  env.DOCKER_HOST = endpoint.url;
  env.TESTCONTAINERS_HOST_OVERRIDE = "localhost";
  let configReplaced = false;
  try {
    const config = createRequire(import.meta.url)(CONFIG_MODULE) as ConfigModule;
    if (typeof config.getContainerRuntimeConfig === "function") {
      config.getContainerRuntimeConfig = async () => ({ dockerHost: endpoint.url });
      configReplaced = true;
    }
  } catch {
    // A later testcontainers moved the file: DOCKER_HOST still names the engine, and the identity check stands guard.
  }
  return { configReplaced };
}

/** A dockerode client of either copy (labgrade's and testcontainers' own): only /info and its address are read. */
type InfoClient = Pick<Dockerode, "info">;

/** One engine as a message names it. */
export interface EngineIdentity {
  url: string;
  id: string;
  /** Where the engine keeps its data: two engines running at once never share one. */
  rootDir: string;
  version: string;
  name: string;
}

// Which engine a dockerode client talks to, by what the engine says of itself in /info (two sockets may reach
// one engine). The id alone is not enough: before Docker 23 it is the key in /etc/docker/key.json, which every
// engine started on one machine shares; the data root tells two running engines apart.
export async function engineIdentity(docker: InfoClient): Promise<EngineIdentity> {
  const info = (await docker.info()) as { ID?: string; ServerVersion?: string; Name?: string; DockerRootDir?: string };
  return { url: dockerodeUrl(docker), id: info.ID ?? "", rootDir: info.DockerRootDir ?? "", version: info.ServerVersion ?? "unknown", name: info.Name ?? "unknown" };
}

// The engine testcontainers would create containers on (it chooses once per process and keeps it).
export async function testcontainersIdentity(): Promise<EngineIdentity> {
  const client = await getContainerRuntimeClient().catch((error: unknown) => {
    throw new HarnessError("ENGINE_MISMATCH", `testcontainers found no engine it can use: ${(error as Error).message}`, PIN_HINT, { cause: error });
  });
  return engineIdentity(client.container.dockerode);
}

const PIN_HINT =
  "labgrade runs the app only on the engine it grades. Unset TESTCONTAINERS_* and `tc.host`/`docker.host` in ~/.testcontainers.properties, set DOCKER_HOST to the engine you mean, then run `labgrade doctor`.";

export type SameEngine = { same: true; graded: EngineIdentity } | { same: false; graded: EngineIdentity; testcontainers: EngineIdentity; message: string; hint: string };

// Compares the graded engine with testcontainers' (pure; the identities are read by the caller).
export function compareEngines(graded: EngineIdentity, testcontainers: EngineIdentity): SameEngine {
  const same = graded.id !== "" && graded.id === testcontainers.id && graded.rootDir === testcontainers.rootDir && graded.name === testcontainers.name;
  if (same) return { same: true, graded };
  const message =
    `Expected testcontainers to run the app on the graded engine, ${describe(graded)}; ` +
    `found it talks to another engine, ${describe(testcontainers)}. The app was not run.`;
  return { same: false, graded, testcontainers, message, hint: PIN_HINT };
}

// Before an app runs: the engine testcontainers talks to must be the graded one, or the run is refused.
export async function assertSameEngine(graded: Dockerode): Promise<void> {
  const outcome = compareEngines(await engineIdentity(graded), await testcontainersIdentity());
  if (!outcome.same) throw new HarnessError("ENGINE_MISMATCH", outcome.message, outcome.hint);
}

function describe(engine: EngineIdentity): string {
  return `${engine.url} (Docker ${engine.version} on "${engine.name}", id ${engine.id || "unknown"}, data in ${engine.rootDir || "an unknown folder"})`;
}

function dockerodeUrl(docker: InfoClient): string {
  const modem = (docker as unknown as { modem?: { socketPath?: string; host?: string; port?: number | string; protocol?: string } }).modem;
  if (modem?.socketPath) return `unix://${modem.socketPath}`;
  if (modem?.host) return `${modem.protocol === "https" ? "https" : "tcp"}://${modem.host}${modem.port ? `:${modem.port}` : ""}`;
  return "an unknown address";
}
