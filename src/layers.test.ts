import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
// @ts-expect-error eslint.config.js is plain JavaScript, without types.
import { LAYERS } from "../eslint.config.js";

const SRC = new URL("./", import.meta.url);
const layers = LAYERS as string[][];

it("places every folder and top-level file of src/ in one layer of the import fence", () => {
  const found = readdirSync(SRC, { withFileTypes: true })
    .filter((e) => e.isDirectory() || (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")))
    .map((e) => e.name.replace(/\.ts$/, ""))
    .sort();
  expect(layers.flat().sort()).toEqual(found);
});

it("is described in docs/development.md as the fence has it, layer by layer", () => {
  const doc = readFileSync(new URL("../docs/development.md", import.meta.url), "utf8");
  const rows = [...doc.matchAll(/^\| (\d+) \| (.*?) \|/gm)].map((m) => [...m[2]!.matchAll(/`src\/([\w-]+)(?:\.ts|\/)`/g)].map((f) => f[1]!));
  expect(rows).toEqual(layers);
});
