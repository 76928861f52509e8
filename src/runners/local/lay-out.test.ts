import { mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyStep, CopyRefused, imageDir, readImageFile } from "./lay-out.ts";

const copy = (sources: string[], destination: string, workdir = "/") => ({ kind: "copy" as const, instruction: "COPY" as const, sources, destination, workdir, line: 1, text: `COPY ${sources.join(" ")} ${destination}` });

// Every link under `dir`, as paths relative to it.
async function links(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isSymbolicLink()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

describe("the layout without an engine never makes or follows a link", () => {
  let base = "";
  let context = "";
  let root = "";
  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), "labgrade-layout-test-"));
    context = path.join(base, "context");
    root = path.join(base, "root");
    await mkdir(path.join(context, "a", "b"), { recursive: true });
    await mkdir(root);
    await writeFile(path.join(context, "app.py"), "print('hi')\n");
    await symlink("../..", path.join(context, "a", "b", "up"));
    await symlink("../../app.py", path.join(context, "a", "b", "app-link.py"));
    await symlink("/etc/hostname", path.join(context, "a", "b", "outside"));
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it("a link moved to another depth cannot lead a later COPY out of the root", async () => {
    await copyStep(context, root, copy(["a/b/up"], "/x"));
    await copyStep(context, root, copy(["app.py"], "/x/PWNED.py"));
    expect(await links(root)).toEqual([]);
    expect((await readdir(base)).sort()).toEqual(["context", "root"]);
    expect(await readdir(path.join(context))).not.toContain("PWNED.py");
    expect(await readFile(path.join(root, "x", "PWNED.py"), "utf8")).toBe("print('hi')\n");
  });

  it("copies a folder's link to a file in the context as that file, and leaves out the others", async () => {
    const left = await copyStep(context, root, copy(["a"], "/app/"));
    expect(await links(root)).toEqual([]);
    expect(await readFile(path.join(root, "app", "b", "app-link.py"), "utf8")).toBe("print('hi')\n");
    expect(left.sort()).toEqual(["a/b/outside", "a/b/up"]);
    expect((await readdir(path.join(root, "app", "b"))).sort()).toEqual(["app-link.py"]);
  });

  it("refuses to write through a link on the destination's path, and writes nothing", async () => {
    const outside = path.join(base, "outside");
    await mkdir(outside);
    await symlink(outside, path.join(root, "x"));
    await expect(copyStep(context, root, copy(["app.py"], "/x/PWNED.py"))).rejects.toThrow(CopyRefused);
    await expect(copyStep(context, root, copy(["app.py"], "/x/"))).rejects.toThrow("COPY failed: /x is a link");
    await expect(imageDir(root, "/x/app", "WORKDIR")).rejects.toThrow("WORKDIR failed: /x is a link");
    expect(await readdir(outside)).toEqual([]);
    expect(await readlink(path.join(root, "x"))).toBe(outside);
  });

  it("reads an image file only with no link on its path", async () => {
    await mkdir(path.join(root, "app"));
    await writeFile(path.join(base, "secret.txt"), "numpy\n");
    await symlink(path.join(base, "secret.txt"), path.join(root, "app", "requirements.txt"));
    await symlink(base, path.join(root, "up"));
    await writeFile(path.join(root, "app", "real.txt"), "matplotlib\n");
    expect(await readImageFile(root, "/app/requirements.txt")).toBeNull();
    expect(await readImageFile(root, "/up/secret.txt")).toBeNull();
    expect(await readImageFile(root, "/app/real.txt")).toBe("matplotlib\n");
  });
});
