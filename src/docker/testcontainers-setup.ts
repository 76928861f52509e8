import type Dockerode from "dockerode";
import { REAPER_IMAGE } from "testcontainers/build/reaper/reaper.js";
import type { Endpoint } from "./endpoints.ts";

export type ReaperMode = "ryuk" | "disabled-by-user" | "disabled-offline" | "disabled";

// testcontainers removes its containers through the Ryuk reaper, whose image must be pulled. When it can
// be neither found nor pulled (or the caller says "never"), run without it; labgrade then removes its own
// objects by label (cleanup.ts).
export async function prepareTestcontainers(docker: Dockerode, endpoint: Endpoint, registryAnswers: (() => Promise<boolean>) | "never", env: NodeJS.ProcessEnv = process.env): Promise<ReaperMode> {
  // testcontainers must talk to the same engine labgrade found.
  env.DOCKER_HOST ??= endpoint.url;
  if (env.TESTCONTAINERS_RYUK_DISABLED === "true") return "disabled-by-user";
  if (registryAnswers === "never") {
    env.TESTCONTAINERS_RYUK_DISABLED = "true";
    return "disabled";
  }
  const present = await docker
    .getImage(REAPER_IMAGE)
    .inspect()
    .then(() => true, () => false);
  if (present || (await registryAnswers())) return "ryuk";
  env.TESTCONTAINERS_RYUK_DISABLED = "true";
  return "disabled-offline";
}
