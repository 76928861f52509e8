import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Budget } from "./budget.ts";
import { copyFolder, skipGitFolders } from "./copy-folder.ts";
import { extractZip } from "./extract-zip.ts";
import { ArchiveRejected } from "./rejected.ts";
import { MiB } from "./sizes.ts";
import { makeTempRoot, tree, writeYazlZip } from "../../../testing/intake/zip-fixtures.ts";

let root: string;
let src: string;
let dest: string;
beforeEach(async () => {
  root = await makeTempRoot();
  src = path.join(root, "hand-in");
  dest = path.join(root, "copy");
  await mkdir(path.join(src, "lab", "plots"), { recursive: true });
  await writeFile(path.join(src, "lab", "app.py"), "print('hi')\n");
  await writeFile(path.join(src, "lab", "Dockerfile"), "FROM python:3.12\n");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("copyFolder", () => {
  it("copies regular files and folders, files as 0644", async () => {
    await writeFile(path.join(src, "lab", "run.sh"), "#!/bin/sh\n", { mode: 0o4755 });
    const result = await copyFolder(src, dest, new Budget());
    expect(result).toEqual({ files: 3, bytes: 12 + 17 + 10, skippedLinks: [] });
    expect(await tree(dest)).toEqual(["lab/", "lab/Dockerfile", "lab/app.py", "lab/plots/", "lab/run.sh"]);
    expect(await readFile(path.join(dest, "lab", "app.py"), "utf8")).toBe("print('hi')\n");
    expect((await stat(path.join(dest, "lab", "run.sh"))).mode & 0o7111).toBe(0);
  });

  it("skips links to files and folders outside, reports them, and copies nothing they point at", async () => {
    const secrets = path.join(root, "secrets");
    await mkdir(secrets);
    await writeFile(path.join(secrets, "id_rsa"), "PRIVATE KEY");
    await symlink(path.join(secrets, "id_rsa"), path.join(src, "lab", "key"));
    await symlink(secrets, path.join(src, "lab", "secrets"));
    await symlink("../../..", path.join(src, "lab", "up"));
    const result = await copyFolder(src, dest, new Budget());
    expect(result.skippedLinks).toEqual(["lab/key", "lab/secrets", "lab/up"]);
    expect(await tree(dest)).toEqual(["lab/", "lab/Dockerfile", "lab/app.py", "lab/plots/"]);
  });

  it("skips .git folders by default, and takes a skip of the caller's own", async () => {
    await mkdir(path.join(src, "lab", ".git", "objects"), { recursive: true });
    await writeFile(path.join(src, "lab", ".git", "HEAD"), "ref: refs/heads/main\n");
    await mkdir(path.join(src, "lab", ".venv"));
    await writeFile(path.join(src, "lab", ".venv", "pyvenv.cfg"), "home = /usr\n");
    await copyFolder(src, path.join(dest, "default"), new Budget());
    expect(await tree(path.join(dest, "default"))).not.toContain("lab/.git/");
    expect(await tree(path.join(dest, "default"))).toContain("lab/.venv/pyvenv.cfg");

    const skip = (relPath: string) => skipGitFolders(relPath) || relPath.endsWith("/.venv");
    await copyFolder(src, path.join(dest, "custom"), new Budget(), { skip });
    expect(await tree(path.join(dest, "custom"))).toEqual(["lab/", "lab/Dockerfile", "lab/app.py", "lab/plots/"]);
  });

  it("leaves FIFOs out without blocking on them", async () => {
    execFileSync("mkfifo", [path.join(src, "lab", "pipe")]);
    const result = await copyFolder(src, dest, new Budget());
    expect(result.files).toBe(2);
    expect(await tree(dest)).toEqual(["lab/", "lab/Dockerfile", "lab/app.py", "lab/plots/"]);
  });

  it("stops at the budget shared with the hand-in's archives and removes the partial file", async () => {
    const budget = new Budget({ maxTotalBytes: MiB });
    const zip = await writeYazlZip(path.join(root, "part.zip"), [{ name: "part.bin", data: randomBytes(700 * 1024) }]);
    await extractZip(zip, path.join(dest, "from-zip"), budget);
    await writeFile(path.join(src, "lab", "data.bin"), randomBytes(700 * 1024));
    const error = await copyFolder(src, path.join(dest, "from-folder"), budget).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArchiveRejected);
    expect((error as ArchiveRejected).message).toBe(
      'the hand-in is too large: copying stopped at "lab/data.bin": it would hold more than 1 MB uncompressed in all. ' +
        "Leave large or generated files (data sets, virtual environments, build output) out of the hand-in and upload it again.",
    );
    // Copied in name order: what came before data.bin stays, data.bin's partial copy is gone.
    expect(await tree(path.join(dest, "from-folder"))).toEqual(["lab/", "lab/Dockerfile", "lab/app.py"]);
  });
});
