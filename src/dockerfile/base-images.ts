import type { DockerfileFacts } from "./dockerfile-facts.ts";
import { isPythonBase } from "./rewrite-from.ts";

// The base images a build would need from the engine, other than python (built on labgrade's private copy),
// earlier stages and scratch, by the names the FROM lines resolve to (`ARG BASE=ubuntu` / `FROM $BASE` → ubuntu).
// Grading never pulls: a missing one would otherwise be pulled onto the student's engine by the daemon, whatever
// the build's network mode. A FROM the engine refuses (an invalid name, a variable with no value) pulls nothing and
// is left to the engine to report; one whose variables labgrade cannot expand is listed as written, so that the
// builder refuses it rather than guess.
export function externalBases(facts: DockerfileFacts): string[] {
  const bases = facts.from.flatMap((from) => {
    if (from.base.kind === "unexpanded") return [from.image];
    return from.base.kind === "image" && !isPythonBase(from) ? [from.base.name] : [];
  });
  return [...new Set(bases)];
}
