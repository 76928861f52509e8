import { randomUUID } from "node:crypto";
import { removeGrade } from "../docker/cleanup.ts";
import { LABEL_GRADE } from "../docker/labels.ts";
import { appTag, gatherAppEvidence, type AppStageResult } from "./app-stage.ts";
import type { Grader } from "./grader.ts";

// Builds and runs one submission's app with an open grader, under a grade label of its own, and removes
// what it made (the containers at once, the image once no build is running) however it ends.
export async function gradeApp(grader: Grader, dir: string, signal?: AbortSignal): Promise<AppStageResult> {
  const gradeId = `${grader.run.id}-${randomUUID().slice(0, 8)}`;
  try {
    return await gatherAppEvidence(dir, {
      builder: grader.builder,
      runner: grader.runner,
      baseImageId: async () => (await grader.basePython()).id,
      gradeId,
      labels: { ...grader.run.labels, [LABEL_GRADE]: gradeId },
      sandbox: grader.options.sandbox,
      buildTimeoutMs: grader.options.buildTimeoutMs,
      cache: grader.cache,
      ...(grader.appSlots ? { slots: grader.appSlots } : {}),
      ...(grader.options.appBoundMs ? { boundMs: grader.options.appBoundMs } : {}),
      ...(signal ? { signal } : {}),
    });
  } finally {
    if (grader.engine) await removeGrade(grader.engine.docker, gradeId, { images: false }).catch(() => undefined);
    await grader.releaseApp(appTag(gradeId)).catch(() => undefined);
  }
}
