import { afterAll, expect, it } from "vitest";
import { testEngine } from "../../testing/engine.ts";
import { removeRun, removeStale } from "./cleanup.ts";
import { LABEL_PID, newRun } from "./labels.ts";

const created: string[] = [];

async function createContainer(labels: Record<string, string>) {
  const { docker } = await testEngine();
  const container = await docker.createContainer({ Image: "labgrade/lab-hello-world:latest", Labels: labels });
  created.push(container.id);
  return container.id;
}

async function exists(id: string) {
  const { docker } = await testEngine();
  return docker.getContainer(id).inspect().then(() => true, () => false);
}

afterAll(async () => {
  const { docker } = await testEngine();
  for (const id of created) await docker.getContainer(id).remove({ force: true }).catch(() => {});
});

it("removes a run's labelled containers and leaves an unlabelled one alone", async () => {
  const run = newRun();
  const mine = await createContainer(run.labels);
  const theirs = await createContainer({ "com.example.owner": "student" });
  const removed = await removeRun((await testEngine()).docker, run.id);
  expect(removed.containers).toHaveLength(1);
  expect(await exists(mine)).toBe(false);
  expect(await exists(theirs)).toBe(true);
});

it("removes what a crashed run left behind, and not a live run's objects", async () => {
  const crashed = newRun(new Date(), 999_999_999);
  const live = newRun();
  const left = await createContainer({ ...crashed.labels, [LABEL_PID]: "999999999" });
  const running = await createContainer(live.labels);
  await removeStale((await testEngine()).docker, { currentRun: undefined });
  expect(await exists(left)).toBe(false);
  expect(await exists(running)).toBe(true);
});
