import type { DockerfileFacts } from "../evidence/dockerfile-facts.ts";
import { isRewrittenBase } from "./rewrite-from.ts";

// The base images a build would need from the engine, other than python (built on labgrade's private
// copy) and earlier stages. Grading never pulls: a missing one would otherwise be pulled onto the
// student's engine by the daemon, whatever the build's network mode.
export function externalBases(facts: DockerfileFacts): string[] {
  const stages = new Set<string>();
  const bases: string[] = [];
  for (const from of facts.from) {
    const image = from.image;
    if (!stages.has(image.toLowerCase()) && !isRewrittenBase(image) && image.toLowerCase() !== "scratch") bases.push(image);
    if (from.stage) stages.add(from.stage.toLowerCase());
  }
  return bases;
}
