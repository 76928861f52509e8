import { randomUUID } from "node:crypto";
import os from "node:os";

// Every object labgrade creates carries these labels, so it can remove exactly its own objects.
export const LABEL_MANAGED = "org.labgrade.managed";
export const LABEL_RUN = "org.labgrade.run";
export const LABEL_HOST = "org.labgrade.host";
export const LABEL_PID = "org.labgrade.pid";
export const LABEL_STARTED = "org.labgrade.started";
/** One grade within a run: a grader opened once grades many submissions, each removed on its own. */
export const LABEL_GRADE = "org.labgrade.grade";
/** On images that stand in for a lab image on an offline machine. */
export const LABEL_SUBSTITUTE = "org.labgrade.substitute";

export interface Run {
  id: string;
  labels: Record<string, string>;
}

export function newRun(now: Date = new Date(), pid: number = process.pid, host: string = os.hostname()): Run {
  const id = `${now.toISOString().replace(/[-:.TZ]/g, "").slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  return {
    id,
    labels: {
      [LABEL_MANAGED]: "true",
      [LABEL_RUN]: id,
      [LABEL_HOST]: host,
      [LABEL_PID]: String(pid),
      [LABEL_STARTED]: now.toISOString(),
    },
  };
}
