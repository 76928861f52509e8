import { createReadStream } from "node:fs";
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Budget } from "./archive/index.ts";
import { fetchRemoteFolder, type RemoteFiles, type RemoteKind } from "./remote-folder.ts";

// A "remote" machine that is a local folder standing in for the login's home, read as SFTP would.
function machine(home: string): RemoteFiles {
  const at = (p: string) => path.resolve(home, p);
  const kind = (s: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): RemoteKind => (s.isSymbolicLink() ? "link" : s.isDirectory() ? "folder" : s.isFile() ? "file" : "other");
  return {
    kindOf: (p) => stat(at(p)).then(kind, () => null),
    list: async (dir) => Promise.all((await readdir(at(dir))).map(async (name) => ({ name, kind: kind(await lstat(path.join(at(dir), name))) }))),
    read: (p) => createReadStream(at(p)),
  };
}

describe("fetching the lab folder from the student's machine", () => {
  let home = "";
  let dest = "";
  beforeEach(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), "labgrade-remote-home-"));
    dest = await mkdtemp(path.join(os.tmpdir(), "labgrade-remote-dest-"));
    await mkdir(path.join(home, "lab", "data"), { recursive: true });
    await mkdir(path.join(home, "lab", ".git"));
    await writeFile(path.join(home, "lab", "app.py"), "print(1)\n");
    await writeFile(path.join(home, "lab", "Dockerfile"), "FROM python\n");
    await writeFile(path.join(home, "lab", "data", "numbers.txt"), "1 2 3\n");
    await writeFile(path.join(home, "lab", ".git", "HEAD"), "ref: refs/heads/main\n");
    await writeFile(path.join(home, "secret"), "not the lab's\n");
    await symlink(path.join(home, "secret"), path.join(home, "lab", "link-out"));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
    await rm(dest, { recursive: true, force: true });
  });

  it("copies regular files and folders from ~/lab, and leaves links and .git out", async () => {
    const fetched = await fetchRemoteFolder(machine(home), "~/lab", dest, new Budget());
    expect(fetched).toEqual({ ok: true, dir: dest, skippedLinks: ["link-out"] });
    expect((await readdir(dest)).sort()).toEqual(["Dockerfile", "app.py", "data"]);
    expect(await readFile(path.join(dest, "data", "numbers.txt"), "utf8")).toBe("1 2 3\n");
  });

  it("refuses a folder over the archive limits, and one that is not there, as the student's to fix", async () => {
    const over = await fetchRemoteFolder(machine(home), "lab", dest, new Budget({ maxTotalBytes: 12 }));
    expect(over).toEqual({ ok: false, error: expect.stringMatching(/^the hand-in is too large: copying stopped at "app.py": it would hold more than/) });
    const missing = await fetchRemoteFolder(machine(home), "~/docker-lab", path.join(dest, "again"), new Budget());
    expect(missing).toEqual({ ok: false, error: expect.stringContaining("expected the lab folder at ~/docker-lab on the student's machine; found nothing there") });
    const file = await fetchRemoteFolder(machine(home), "secret", path.join(dest, "again"), new Budget());
    expect(file).toEqual({ ok: false, error: expect.stringContaining("found a file") });
  });
});
