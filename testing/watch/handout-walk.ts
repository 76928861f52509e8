import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type Dockerode from "dockerode";
import { execa } from "execa";
import type { StepStatus } from "../../src/lab/check-result.ts";
import { followStream } from "../../src/docker/follow.ts";
import { buildHelloWorldSubstitute } from "../../src/images/hello-world-substitute.ts";
import type { EngineStepId } from "../lab/lab-steps.ts";
import { silentProgress } from "../../src/progress/progress.ts";

// One command of the handout as a student types it, and what the checklist must say once it has run.
export interface WatchWalkStep {
  args: string[];
  /** Run in the app's folder (`docker build -t pythonapp .`). */
  inApp?: boolean;
  /** Fails as a student's would (`docker image rm hello-world` while containers use it). */
  mayFail?: boolean;
  /** The step this command must turn `passed`. */
  passes?: EngineStepId;
  /** Steps that must read so after it. */
  then: Partial<Record<EngineStepId, StepStatus>>;
}

// The handout's engine commands in order, with the mistakes students make on the way: the wrong container
// name, removing hello-world without -f, and a `docker system prune` at the end.
export const WATCH_WALK: readonly WatchWalkStep[] = [
  { args: ["run", "hello-world"], passes: "hello-world-ran", then: { "mycontainer-created": "failed" } },
  { args: ["container", "create", "-i", "-t", "--name", "my-container", "hello-world"], then: { "mycontainer-created": "failed", "mycontainer-started": "failed" } },
  { args: ["container", "create", "-i", "-t", "--name", "mycontainer", "hello-world"], passes: "mycontainer-created", then: { "mycontainer-started": "failed" } },
  { args: ["container", "start", "--attach", "-i", "mycontainer"], passes: "mycontainer-started", then: {} },
  { args: ["image", "rm", "hello-world"], mayFail: true, then: { "hello-world-removed": "failed" } },
  { args: ["image", "rm", "-f", "hello-world"], passes: "hello-world-removed", then: {} },
  { args: ["build", "-t", "pythonapp", "."], inApp: true, passes: "pythonapp-image", then: { "python-image-removed": "failed" } },
  { args: ["image", "rm", "python", "-f"], passes: "python-image-removed", then: {} },
  // Removes every stopped container: the steps they proved fail again, and the checklist says why.
  { args: ["system", "prune", "-f"], then: { "hello-world-ran": "failed", "mycontainer-created": "failed", "mycontainer-started": "failed", "hello-world-removed": "failed", "pythonapp-image": "passed", "python-image-removed": "passed" } },
];

// What a throwaway engine needs for the walk: hello-world (labgrade's offline substitute, built with gcc),
// `python` stood in for by an image built FROM it (the walk's build needs no Python), and a Dockerfile FROM python.
export async function prepareWalk(docker: Dockerode, appDir: string): Promise<void> {
  await buildHelloWorldSubstitute(docker, "hello-world:latest", silentProgress);
  // An image of its own (a tag of hello-world's would let `docker image rm hello-world` merely untag).
  const standIn = await mkdtemp(path.join(os.tmpdir(), "labgrade-python-stand-in-"));
  try {
    await writeFile(path.join(standIn, "Dockerfile"), "FROM hello-world\nLABEL org.labgrade.walk=python-stand-in\n");
    const outcome = await followStream(await docker.buildImage({ context: standIn, src: ["Dockerfile"] }, { t: "python:latest", rm: true, forcerm: true }));
    if (outcome.error) throw new Error(`building the python stand-in failed: ${outcome.error}`);
  } finally {
    await rm(standIn, { recursive: true, force: true });
  }
  await writeFile(path.join(appDir, "Dockerfile"), 'FROM python\nCOPY . /app\nCMD ["/hello"]\n');
}

// Runs one command with the docker CLI against `socket`, as the student would type it.
export async function runWalkStep(socket: string, step: WatchWalkStep, appDir: string): Promise<{ exitCode: number; stderr: string }> {
  const result = await execa("docker", step.args, { env: { DOCKER_HOST: `unix://${socket}`, DOCKER_BUILDKIT: "0" }, cwd: step.inApp ? appDir : path.dirname(appDir), reject: false, input: "", timeout: 60_000 });
  if (result.exitCode !== 0 && !step.mayFail) throw new Error(`docker ${step.args.join(" ")} failed (${result.exitCode}): ${result.stderr}`);
  return { exitCode: result.exitCode ?? -1, stderr: String(result.stderr) };
}
