import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { snapshot } from "../../testing/lab/snapshot-builder.ts";
import { loadCheck } from "./load-check.ts";

const dir = await mkdtemp(path.join(os.tmpdir(), "labgrade-check-"));
const module = async (name: string, code: string) => {
  const file = path.join(dir, name);
  await writeFile(file, code);
  return file;
};

describe("a lab's own check", () => {
  it("judges the engine's state with the lab's code, and keeps only a verdict's fields", async () => {
    const file = await module("count.ts", 'export function check(s: { containers: unknown[] }) { return s.containers.length > 0 ? { status: "passed", message: "some", extra: 1 } : { status: "failed", message: "none", hint: "run one" }; }\n');
    const loaded = await loadCheck(file, ["containers"], "count");
    expect(loaded.kind).toBe("engine");
    expect(loaded.check(snapshot() as never)).toEqual({ status: "failed", message: "none", hint: "run one" });
  });
  it("is the lab's error, never the student's failure, when it throws or returns something else", async () => {
    const throws = await loadCheck(await module("throws.ts", 'export function check() { throw new Error("boom"); }\n'), ["containers"], "x");
    expect(throws.check(snapshot() as never)).toMatchObject({ status: "error", errorCode: "LAB_CHECK_FAILED", message: expect.stringContaining("failed: boom") });
    const odd = await loadCheck(await module("odd.ts", "export function check() { return true; }\n"), ["folder"], "y");
    expect(odd.kind).toBe("app");
    expect(odd.check({} as never)).toMatchObject({ status: "error", message: expect.stringContaining("returned true, not {status, message}") });
  });
  it("refuses a module without `check`, and one that reads both the engine and the hand-in", async () => {
    await expect(loadCheck(await module("none.ts", "export const x = 1;\n"), ["containers"], "z")).rejects.toThrow("exports no function named `check`");
    await expect(loadCheck(await module("both.ts", "export function check() { return { status: 'passed', message: '' }; }\n"), ["containers", "run"], "w")).rejects.toThrow("not both");
    await expect(loadCheck(path.join(dir, "missing.ts"), ["containers"], "v")).rejects.toThrow("no file");
  });
});

// Outside vitest (whose own transform loads TypeScript anywhere): node with tsx registered exactly as
// bin/labgrade.js registers it, loading checks from a folder outside the repository, with no package.json to say "type": "module".
describe("a lab's own check kept outside labgrade's folder, as the command line loads it", () => {
  const REPO = fileURLToPath(new URL("../../", import.meta.url));
  const LOADER = fileURLToPath(new URL("./load-check.ts", import.meta.url));
  const VERDICT = '{ status: "passed", message: `${s.containers.length} containers` }';

  it("loads TypeScript with an interface or inline types, ESM JavaScript in .js, and .mjs", async () => {
    const outside = await mkdtemp(path.join(os.tmpdir(), "labgrade-outside-lab-"));
    const files = {
      "with-interface.ts": `interface Snapshot { containers: unknown[] }\nexport function check(s: Snapshot): { status: "passed"; message: string } { return ${VERDICT}; }\n`,
      "inline-types.ts": `export function check(s: { containers: Array<{ name: string }> }) { return ${VERDICT} as const; }\n`,
      "esm.js": `export function check(s) { return ${VERDICT}; }\n`,
      "esm.mjs": `export function check(s) { return ${VERDICT}; }\n`,
    };
    for (const [name, code] of Object.entries(files)) await writeFile(path.join(outside, name), code);
    const script = `import { register } from "tsx/esm/api";
register();
const { loadCheck } = await import(${JSON.stringify(LOADER)});
for (const name of ${JSON.stringify(Object.keys(files))}) {
  const found = await loadCheck(${JSON.stringify(outside)} + "/" + name, ["containers"], "own").then((c) => c.check({ containers: [1, 2] }).message, (e) => "refused: " + e.message);
  console.log(name + ": " + found);
}`;
    const run = await execa("node", ["--input-type=module", "-e", script], { cwd: REPO, reject: false, timeout: 60_000 });
    await rm(outside, { recursive: true, force: true });
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n")).toEqual(["with-interface.ts: 2 containers", "inline-types.ts: 2 containers", "esm.js: 2 containers", "esm.mjs: 2 containers"]);
  }, 60_000);
});
