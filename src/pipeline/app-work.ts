import type { Lab } from "../lab/lab.ts";

// What of the hand-in's app the lab's steps read: a run to its end only for a step that judges it (a server a lab
// asks over HTTP is started as a service instead, never waited on to exit), a build for one that judges the build.
// A lab's own check says what it reads.
export function appWork(lab: Pick<Lab, "steps">): { build: boolean; run: boolean } {
  const reads = (step: Lab["steps"][number], fact: "build" | "run", kinds: readonly string[]) => kinds.includes(step.expect) || (step.expect === "check" && step.reads.includes(fact));
  const run = lab.steps.some((step) => reads(step, "run", ["run", "plot"]));
  return { build: run || lab.steps.some((step) => reads(step, "build", ["build"])), run };
}
