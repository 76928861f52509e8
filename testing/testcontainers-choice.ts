// Run in a child process (testcontainers chooses its engine once per process): reports which engine
// testcontainers chose in the surroundings it was started in, and what labgrade does about it.
//   argv[2]: "unpinned" (only DOCKER_HOST ??=, as labgrade did before), "pinned", or "pinned-late"
//            (testcontainers already chose an engine when labgrade pins it, then labgrade is asked to run an app)
import Dockerode from "dockerode";
import { GenericContainer } from "testcontainers";
import { AbstractWaitStrategy } from "testcontainers/build/wait-strategies/wait-strategy.js";
import { engineIdentity, pinTestcontainers, testcontainersIdentity } from "../src/docker/testcontainers-pin.ts";
import { isHarnessError } from "../src/errors.ts";
import { TestcontainersAppRunner } from "../src/runners/testcontainers-app-runner.ts";

class Started extends AbstractWaitStrategy {
  override async waitUntilReady(): Promise<void> {}
}

const mode = process.argv[2];
const image = process.argv[3] ?? "";
const url = process.env.DOCKER_HOST ?? "";
const graded = new Dockerode({ socketPath: url.replace(/^unix:\/\//, "") });
const endpoint = { url, source: "DOCKER_HOST" };
const out: Record<string, unknown> = { graded: await engineIdentity(graded) };
if (mode === "pinned") pinTestcontainers(endpoint, process.env);
out.testcontainers = await testcontainersIdentity().catch((error: unknown) => ({ error: String(error) }));
if (mode === "pinned") {
  const started = await new GenericContainer(image).withCommand(["/sleeper", "0", "0"]).withWaitStrategy(new Started()).withAutoCleanup(false).withLabels({ "labgrade.test": "pin" }).start();
  out.startedOnGraded = (await graded.listContainers({ all: true })).some((c) => c.Id === started.getId());
  await graded.getContainer(started.getId()).remove({ force: true });
}
if (mode === "pinned-late") {
  pinTestcontainers(endpoint, process.env);
  const runner = new TestcontainersAppRunner(graded);
  const sandbox = { cpus: 1, memoryBytes: 64 * 1024 * 1024, pidsLimit: 16, timeoutMs: 10_000, outputCapBytes: 1024, diskBytes: 1024 * 1024 };
  out.run = await runner.run({ image, labels: { "labgrade.test": "pin" }, sandbox }).then(
    () => ({ ran: true }),
    (error: unknown) => ({ ran: false, code: isHarnessError(error) ? error.code : null, message: String((error as Error).message) }),
  );
}
process.stdout.write(JSON.stringify(out) + "\n");
