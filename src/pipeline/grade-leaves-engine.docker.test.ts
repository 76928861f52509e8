import type Dockerode from "dockerode";
import { afterAll, expect, it } from "vitest";
import { readConfig } from "../config.ts";
import { tag } from "../images/ensure.ts";
import { imageState } from "../images/image-state.ts";
import { PYTHON } from "../images/lab-images.ts";
import { DEFAULT_SANDBOX } from "../runners/app-runner.ts";
import { DEFAULT_STEPS, HANDOUT_REFERENCE, handoutLab } from "../../testing/lab/lab-steps.ts";
import { testEngine } from "../../testing/engine.ts";
import { gradeSubmission } from "./grade-submission.ts";

async function engineState(docker: Dockerode) {
  const tags = (await docker.listImages()).flatMap((i) => i.RepoTags ?? []).filter((t) => t !== "<none>:<none>").sort();
  const containers = (await docker.listContainers({ all: true })).map((c) => `${c.Names[0]} ${c.Image} ${c.State}`).sort();
  return { tags, containers };
}

const grade = () => gradeSubmission({ dir: HANDOUT_REFERENCE, evidence: { kind: "live" } }, { lab: handoutLab, steps: DEFAULT_STEPS, config: readConfig(), sandbox: DEFAULT_SANDBOX, buildTimeoutMs: 600_000 });

afterAll(async () => {
  const { docker } = await testEngine();
  if (!(await imageState(docker, PYTHON.publicTag)).present) await tag(docker, PYTHON.privateTag, PYTHON.publicTag);
});

it("grading live changes no tag or container of the engine's, even with `python` removed, and a second grade agrees", async () => {
  const { docker } = await testEngine();
  // As after the lab's last step: the python tag is gone; labgrade must build on its private copy.
  await docker.getImage(PYTHON.publicTag).remove({ noprune: true });
  const student = await docker.createContainer({ Image: "hello-world:latest", name: `student-${Date.now()}`, Tty: true, OpenStdin: true });
  try {
    const before = await engineState(docker);
    const first = await grade();
    expect(await engineState(docker)).toEqual(before);
    const second = await grade();
    expect(await engineState(docker)).toEqual(before);
    expect(second.steps.map((s) => [s.id, s.status])).toEqual(first.steps.map((s) => [s.id, s.status]));
    expect(first.steps.find((s) => s.id === "python-image-removed")?.status).toBe("passed");
    expect(first.steps.find((s) => s.id === "pythonapp-output")?.status).toBe("passed");
  } finally {
    await student.remove({ force: true });
  }
});
