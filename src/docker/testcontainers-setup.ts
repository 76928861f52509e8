import type Dockerode from "dockerode";
import { REAPER_IMAGE } from "testcontainers/build/reaper/reaper.js";
import type { Endpoint } from "./endpoints.ts";
import { pinTestcontainers } from "./testcontainers-pin.ts";

export type ReaperMode = "ryuk" | "disabled-by-user" | "disabled-offline";

// testcontainers would choose an engine of its own (a CLI context or a Desktop socket it would not look at,
// ~/.testcontainers.properties, a fallback to /var/run/docker.sock): pin it to the engine labgrade grades.
export function pointTestcontainersAt(endpoint: Endpoint, env: NodeJS.ProcessEnv): void {
  pinTestcontainers(endpoint, env);
}

// Whether testcontainers can use its Ryuk reaper here (its image present or pullable). Grading never
// does: each app container opts out (withAutoCleanup(false)) and labgrade removes its objects by label.
export async function reaperMode(docker: Dockerode, registryAnswers: () => Promise<boolean>, env: NodeJS.ProcessEnv = process.env): Promise<ReaperMode> {
  if (env.TESTCONTAINERS_RYUK_DISABLED === "true") return "disabled-by-user";
  const present = await docker
    .getImage(REAPER_IMAGE)
    .inspect()
    .then(() => true, () => false);
  return present || (await registryAnswers()) ? "ryuk" : "disabled-offline";
}
