import { mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { dockerfileOutsideContext } from "./build-context.ts";

it("builds only a Dockerfile inside the build folder, reached through no link (a compose file's dockerfile: ../../x)", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "labgrade-dfo-"));
  const app = path.join(root, "app");
  await mkdir(path.join(app, "sub"), { recursive: true });
  await writeFile(path.join(app, "Dockerfile"), "FROM python\n");
  await writeFile(path.join(app, "sub", "Dockerfile.dev"), "FROM python\n");
  await writeFile(path.join(root, "secret"), "TOPSECRET\n");
  await symlink(path.join(root, "secret"), path.join(app, "Linked"));
  expect(await dockerfileOutsideContext(app, "Dockerfile")).toBeNull();
  expect(await dockerfileOutsideContext(app, "sub/Dockerfile.dev")).toBeNull();
  expect(await dockerfileOutsideContext(app, "../secret")).toMatch(/lies outside its build folder/);
  expect(await dockerfileOutsideContext(app, "sub/../../secret")).toMatch(/lies outside its build folder/);
  expect(await dockerfileOutsideContext(app, "/etc/hostname")).toMatch(/lies outside its build folder/);
  expect(await dockerfileOutsideContext(app, "Linked")).toMatch(/is a link/);
});
