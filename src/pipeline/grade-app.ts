import { randomUUID } from "node:crypto";
import { removeGrade } from "../docker/cleanup.ts";
import { LABEL_GRADE } from "../docker/labels.ts";
import { harnessFailure } from "../errors.ts";
import { appTag, gatherAppEvidence, type AppStageResult } from "./app-stage.ts";
import { appWork } from "./app-work.ts";
import { findComposeFile, lookedIn } from "./compose-file.ts";
import type { Grader } from "./grader.ts";
import { startServices } from "./service-stage.ts";

// Builds and runs one submission's app with an open grader, under a grade label of its own, and removes
// what it made (the containers at once, the image once no build is running) however it ends.
export async function gradeApp(grader: Grader, dir: string, signal?: AbortSignal): Promise<AppStageResult> {
  const gradeId = `${grader.run.id}-${randomUUID().slice(0, 8)}`;
  const { lab } = grader.options;
  const labels = { ...grader.run.labels, [LABEL_GRADE]: gradeId };
  try {
    const result = await gatherAppEvidence(dir, {
      builder: grader.builder,
      runner: grader.runner,
      baseImageId: async () => (await grader.basePython()).id,
      gradeId,
      labels,
      sandbox: grader.options.sandbox,
      buildTimeoutMs: grader.options.buildTimeoutMs,
      cache: grader.cache,
      ...(grader.appSlots ? { slots: grader.appSlots } : {}),
      ...(grader.options.appBoundMs ? { boundMs: grader.options.appBoundMs } : {}),
      work: appWork(lab),
      ...(lab.app?.runFiles.length ? { files: lab.app.runFiles } : {}),
      ...(signal ? { signal } : {}),
    });
    // A compose lab: the hand-in's compose file, read; the services the lab's steps need, started.
    const compose = lab.app?.compose ? await findComposeFile(dir, lab.app.compose) : null;
    if (lab.app?.compose) result.evidence.compose = compose ? { file: compose.file, facts: compose.facts } : { missing: true, lookedIn: await lookedIn(dir) };
    if (lab.app?.services && !result.evidence.harnessProblem) {
      result.evidence.services = await startServices(grader, lab, result.evidence, compose, gradeId, labels, signal).catch((error: unknown) => {
        if (signal?.aborted) throw error;
        result.evidence.harnessProblem = harnessFailure(error);
        return null;
      });
    }
    return result;
  } finally {
    if (grader.engine) await removeGrade(grader.engine.docker, gradeId, { images: false }).catch(() => undefined);
    await grader.releaseApp(appTag(gradeId)).catch(() => undefined);
  }
}
