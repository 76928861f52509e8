import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { prepareBuildContext } from "./build-context.ts";

const root = await mkdtemp(path.join(os.tmpdir(), "labgrade-ctx-test-"));
afterAll(() => rm(root, { recursive: true, force: true }));

it("applies .dockerignore, keeps the Dockerfile and inside links, drops links that leave, and rewrites FROM python", async () => {
  const app = path.join(root, "app");
  await mkdir(path.join(app, "data"), { recursive: true });
  await writeFile(path.join(root, "outside.txt"), "grader's file");
  await writeFile(path.join(app, "app.py"), "print(1)\n");
  await writeFile(path.join(app, "notes.md"), "n");
  await writeFile(path.join(app, "data", "x.csv"), "1,2\n");
  await writeFile(path.join(app, "Dockerfile"), "FROM python\nCOPY . /app\n");
  await writeFile(path.join(app, ".dockerignore"), "*.md\nDockerfile\n");
  await symlink("data/x.csv", path.join(app, "inside.csv"));
  await symlink(path.join(root, "outside.txt"), path.join(app, "leak.txt"));
  const context = await prepareBuildContext(app, "Dockerfile", "labgrade/lab-python:latest");
  try {
    expect((await readdir(context.dir)).sort()).toEqual(["Dockerfile", "app.py", "data", "inside.csv"]);
    expect(await readFile(path.join(context.dir, "Dockerfile"), "utf8")).toBe("FROM labgrade/lab-python:latest\nCOPY . /app\n");
    expect((await lstat(path.join(context.dir, "inside.csv"))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(context.dir, "inside.csv"))).toBe("data/x.csv");
  } finally {
    await context.dispose();
  }
});
