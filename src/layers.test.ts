import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
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

describe("the import fence", async () => {
  const { ESLint } = await import("eslint");
  const eslint = new ESLint({ cwd: new URL("../", import.meta.url).pathname });
  const errors = async (file: string, code: string) => (await eslint.lintText(code, { filePath: new URL(`../${file}`, import.meta.url).pathname }))[0]!.messages.filter((m) => m.severity === 2).map((m) => m.message);

  it("refuses an import up the layers, static or dynamic, and from a top-level file", async () => {
    expect(await errors("src/lab/fence-probe.ts", 'import { main } from "../cli/main.ts";\nexport const m = main;\n')).toEqual([expect.stringContaining("lab/ sits below these folders")]);
    expect(await errors("src/lab/fence-probe.ts", 'export const m = () => import("../cli/main.ts");\n')).toEqual([expect.stringContaining("lab/ sits below these folders")]);
    expect(await errors("src/lab/deep/fence-probe.ts", 'import { x } from "../../trust/index.ts";\nexport const y = x;\n')).toEqual([expect.stringContaining("lab/ sits below these folders")]);
    expect(await errors("src/errors.ts", 'import { judge } from "./lab/judge.ts";\nexport const j = judge;\n')).toEqual([expect.stringContaining("errors/ sits below these folders")]);
  });

  it("lets a folder import from below it, and its own files", async () => {
    expect(await errors("src/lab/fence-probe.ts", 'import { HarnessError } from "../errors.ts";\nimport { tagRepo } from "./names.ts";\nexport const e = [HarnessError, tagRepo];\n')).toEqual([]);
    expect(await errors("src/cli/fence-probe.ts", 'export const m = () => import("../lab/judge.ts");\n')).toEqual([]);
  });
});
