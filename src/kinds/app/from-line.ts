import type { DockerfileFacts, FromFact } from "../../dockerfile/dockerfile-facts.ts";
import type { FromBase } from "../../dockerfile/from-base.ts";
import type { AppLore } from "./app-lore.ts";

type Refused = Extract<FromBase, { kind: "invalid" }>;

// The FROM line the app's image is built on: the last stage's, followed through `FROM … AS name` aliases.
export function finalFrom({ from }: DockerfileFacts): FromFact | null {
  let current = from.at(-1) ?? null;
  for (let hops = 0; current?.base.kind === "stage" && hops < from.length; hops++) current = from[current.base.index] ?? null;
  return current;
}

// The first FROM line the engine refuses, with its reason.
export function refusedFrom({ from }: DockerfileFacts): { from: FromFact; base: Refused } | null {
  for (const line of from) if (line.base.kind === "invalid") return { from: line, base: line.base };
  return null;
}

// What to write instead of a FROM line the engine refuses. A FROM line sees only the ARGs declared before the first
// FROM (https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact), and grading passes no
// --build-arg, so a variable without a default there is empty.
export function refusedFromHint(from: FromFact, base: Refused, facts: DockerfileFacts, lore: Pick<AppLore, "base" | "baseExample">): string {
  const [name] = base.unset;
  if (name !== undefined) {
    const example = `\`ARG ${name}=${new RegExp(`:\\$\\{?${name}\\b`).test(from.image) ? exampleTag(lore) : lore.base}\``;
    const declared = facts.args.find((arg) => arg.name === name);
    const why =
      declared && !declared.beforeFrom
        ? `\`ARG ${name}\` is on line ${declared.line}, after the first FROM, and a FROM line sees only the ARGs declared before it. Move it above the first FROM, with a default: ${example}.`
        : declared
          ? `\`ARG ${name}\` (line ${declared.line}) has no default, and the build is given no --build-arg. Give it one: ${example}.`
          : `declare it before the first FROM, with a default: ${example}.`;
    return `Line ${from.line}: \`${name}\` has no value there: ${why}`;
  }
  if (/must be lowercase/.test(base.reason)) return `Image names are lowercase: write \`FROM ${lore.base}\`.`;
  return `Check the image name on line ${from.line} for a stray character: the lab builds on \`FROM ${lore.base}\` (or a tag such as \`${lore.baseExample}\`).`;
}

// A version to show in an ARG's default: `3.12` of `python:3.12-slim`.
function exampleTag(lore: Pick<AppLore, "baseExample">): string {
  return lore.baseExample.split(":")[1]?.split("-")[0] || "latest";
}
