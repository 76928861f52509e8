import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { readInside } from "./read-inside.ts";

const root = await mkdtemp(path.join(os.tmpdir(), "labgrade-inside-"));
afterAll(() => rm(root, { recursive: true, force: true }));

it("reads regular files inside the folder, and neither links nor paths that leave it", async () => {
  const app = path.join(root, "app");
  await mkdir(path.join(app, "deps"), { recursive: true });
  await writeFile(path.join(root, "secret.txt"), "secret");
  await writeFile(path.join(app, "deps", "requirements.txt"), "numpy\n");
  await symlink(path.join(root, "secret.txt"), path.join(app, "link.txt"));
  expect(await readInside(app, "deps/requirements.txt")).toBe("numpy\n");
  expect(await readInside(app, "../secret.txt")).toBeNull();
  expect(await readInside(app, "link.txt")).toBeNull();
  expect(await readInside(app, "missing.txt")).toBeNull();
});
