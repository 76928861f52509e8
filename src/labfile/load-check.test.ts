import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
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
