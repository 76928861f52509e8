import { type ImageRef, readImageRef } from "./image-ref.ts";
import { expandWord } from "./shell-word.ts";

// What a FROM line builds on.
export type FromBase =
  /** An image; `name` is the word once its variables are expanded: `python:3.12`. */
  | { kind: "image"; name: string; ref: ImageRef }
  /** An earlier stage, by its `AS` name; `index` is its FROM's place among the Dockerfile's FROMs. */
  | { kind: "stage"; name: string; index: number }
  | { kind: "scratch" }
  /** What the engine refuses, in its words; `unset` names the variables that had no value. */
  | { kind: "invalid"; name: string; reason: string; unset: string[] }
  /** A variable form labgrade does not expand: only the engine can say what it names. */
  | { kind: "unexpanded"; reason: string };

// The ARGs declared before the first FROM, with their defaults expanded; `opaque` ones have a default labgrade
// does not expand.
export interface MetaArgs {
  values: Map<string, string>;
  opaque: Set<string>;
}

// As the classic builder decides (moby builder/dockerfile/dispatchers.go, getFromImage): the word expanded with the
// ARGs declared before the first FROM (the only ones in scope there); blank is refused; an earlier stage's name,
// in any case, is that stage; `scratch` is no image; anything else must be an image reference.
export function fromBase(image: string, metaArgs: MetaArgs, earlierStages: ReadonlyArray<string | null>, escape = "\\"): FromBase {
  const opaque = [...image.matchAll(/\$\{?([\p{L}_][\p{L}\p{N}_]*)/gu)].map((m) => m[1] ?? "").find((name) => metaArgs.opaque.has(name));
  if (opaque) return { kind: "unexpanded", reason: `the default of \`${opaque}\` is not expanded by labgrade` };
  const expanded = expandWord(image, metaArgs.values, escape);
  if ("unsupported" in expanded) return { kind: "unexpanded", reason: expanded.unsupported };
  if ("error" in expanded) return { kind: "invalid", name: image, reason: `failed to process "${image}": ${expanded.error}`, unset: [] };
  const { value: name, unset } = expanded;
  if (name === "") return { kind: "invalid", name, reason: `base name (${image}) should not be blank`, unset };
  const index = earlierStages.findIndex((stage) => stage?.toLowerCase() === name.toLowerCase());
  if (index >= 0) return { kind: "stage", name, index };
  if (name === "scratch") return { kind: "scratch" };
  const reading = readImageRef(name);
  return "ref" in reading ? { kind: "image", name, ref: reading.ref } : { kind: "invalid", name, reason: reading.invalid, unset };
}
