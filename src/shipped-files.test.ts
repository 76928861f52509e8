import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { shippedFiles } from "./shipped-files.ts";

it("ships what the command line reaches and the assets its code loads, never tests or their support", () => {
  const files = shippedFiles();
  for (const file of ["bin/labgrade.js", "src/cli/main.ts", "src/lab/judge.ts", "src/labfile/lab.schema.json", "src/kinds/container/named-container.ts", "src/runners/capture/labgrade_capture.py", "src/images/offline/hello.c", "src/runners/local/pack-system-wheels.py"]) expect(files).toContain(file);
  expect(files.filter((f) => /\.test\.ts$|^testing\/|sample-report/.test(f))).toEqual([]);
});

it("follows imports from the entry point only, and takes a folder's assets but not its code", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "labgrade-shipped-"));
  try {
    await mkdir(path.join(root, "bin"));
    await mkdir(path.join(root, "src", "assets"), { recursive: true });
    await writeFile(path.join(root, "bin", "labgrade.js"), 'await import("../src/a.ts");\n');
    await writeFile(path.join(root, "src", "a.ts"), 'import { b } from "./b.ts";\nconst dir = new URL("./assets/", import.meta.url);\nconst text = "../";\n');
    await writeFile(path.join(root, "src", "b.ts"), "export const b = 1;\n");
    await writeFile(path.join(root, "src", "unused.ts"), "export const u = 1;\n");
    await writeFile(path.join(root, "src", "assets", "x.py"), "print(1)\n");
    await writeFile(path.join(root, "src", "assets", "x.test.ts"), "\n");
    expect(shippedFiles(root)).toEqual(["bin/labgrade.js", "src/a.ts", "src/assets/x.py", "src/b.ts"]);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
