import { GenericContainer, Wait } from "testcontainers";
import { expect, it } from "vitest";
import { registryAnswers } from "../images/registry.ts";
import { readConfig } from "../config.ts";
import { testEngine } from "../../testing/engine.ts";
import { removeRun } from "./cleanup.ts";
import { LABEL_RUN, newRun } from "./labels.ts";
import { pointTestcontainersAt, reaperMode } from "./testcontainers-setup.ts";

it("runs a labelled testcontainers container here, with or without Ryuk, and cleanup removes it", async () => {
  const { docker, endpoint } = await testEngine();
  const config = readConfig();
  pointTestcontainersAt(endpoint, process.env);
  const mode = await reaperMode(docker, () => registryAnswers(config.registryUrl, config.registryTimeoutMs));
  expect(["ryuk", "disabled-by-user", "disabled-offline"]).toContain(mode);
  const run = newRun();
  const started = await new GenericContainer("labgrade/lab-hello-world:latest")
    .withLabels(run.labels)
    .withWaitStrategy(Wait.forOneShotStartup())
    .withAutoRemove(false)
    // Without Ryuk's image this container opts out of the reaper, as labgrade's app containers always do.
    .withAutoCleanup(mode === "ryuk")
    .start();
  const listed = await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${run.id}`] } });
  expect(listed.map((c) => c.Id)).toContain(started.getId());
  const removed = await removeRun(docker, run.id);
  expect(removed.containers).toHaveLength(1);
  expect(await docker.listContainers({ all: true, filters: { label: [`${LABEL_RUN}=${run.id}`] } })).toEqual([]);
});
