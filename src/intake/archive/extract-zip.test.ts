import { readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Budget } from "./budget.ts";
import { extractZip } from "./extract-zip.ts";
import { makeTempRoot, rawZip, tree, writeYazlZip } from "../../../testing/intake/zip-fixtures.ts";

let root: string;
let dest: string;
beforeEach(async () => {
  root = await makeTempRoot();
  dest = path.join(root, "dest");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function rawZipFile(name: string, entries: Parameters<typeof rawZip>[0]): Promise<string> {
  const file = path.join(root, name);
  await writeFile(file, rawZip(entries));
  return file;
}

describe("extractZip", () => {
  it("extracts files, empty folders and zero-length files, and counts what it wrote", async () => {
    const zip = await writeYazlZip(path.join(root, "lab.zip"), [
      { name: "lab/app.py", data: "print('hello')\n" },
      { name: "lab/Dockerfile", data: "FROM python:3.12\n" },
      { name: "lab/empty.txt", data: "" },
      { name: "lab/plots/", dir: true },
    ]);
    const budget = new Budget();
    const result = await extractZip(zip, dest, budget);
    expect(result).toEqual({ files: 3, bytes: 15 + 17, skippedLinks: [] });
    expect(await tree(dest)).toEqual(["lab/", "lab/Dockerfile", "lab/app.py", "lab/empty.txt", "lab/plots/"]);
    expect(await readFile(path.join(dest, "lab/app.py"), "utf8")).toBe("print('hello')\n");
    expect(budget.bytes).toBe(32);
    expect(budget.files).toBe(5); // lab/, lab/plots/ and three files
  });

  it("writes regular files 0644 whatever mode the entry asks for (no setuid, no exec)", async () => {
    const zip = await writeYazlZip(path.join(root, "modes.zip"), [{ name: "run.sh", data: "#!/bin/sh\n", mode: 0o104777 }]);
    await extractZip(zip, dest, new Budget());
    const mode = (await stat(path.join(dest, "run.sh"))).mode & 0o7777;
    expect(mode & 0o7111).toBe(0);
    expect(mode & 0o600).toBe(0o600);
  });

  it("extracts UTF-8 names exactly", async () => {
    const zip = await writeYazlZip(path.join(root, "names.zip"), [
      { name: "Zoë Ñuñez/app.py", data: "a" },
      { name: "学生/app.py", data: "b" },
    ]);
    await extractZip(zip, dest, new Budget());
    expect(await tree(dest)).toEqual(["Zoë Ñuñez/", "Zoë Ñuñez/app.py", "学生/", "学生/app.py"]);
    expect(await readFile(path.join(dest, "学生", "app.py"), "utf8")).toBe("b");
  });

  it("decodes a name without the UTF-8 flag as CP437, as old Windows zip tools wrote it", async () => {
    // 0x81 is "ü" and 0x94 is "ö" in code page 437; as UTF-8 these bytes are invalid.
    const name = Buffer.concat([Buffer.from([0x81]), Buffer.from("bung/l"), Buffer.from([0x94]), Buffer.from("sung.py")]);
    const zip = await rawZipFile("cp437.zip", [{ name, data: "print(1)\n" }]);
    await extractZip(zip, dest, new Budget());
    expect(await tree(dest)).toEqual(["übung/", "übung/lösung.py"]);
  });

  it("reads Windows backslash separators as folders", async () => {
    const zip = await rawZipFile("win.zip", [{ name: "lab\\app.py", data: "x" }]);
    await extractZip(zip, dest, new Budget());
    expect(await tree(dest)).toEqual(["lab/", "lab/app.py"]);
  });

  it("keeps the first of two entries with the same name and does not crash", async () => {
    const zip = await rawZipFile("dupes.zip", [
      { name: "app.py", data: "first" },
      { name: "app.py", data: "second" },
    ]);
    const result = await extractZip(zip, dest, new Budget());
    expect(result.files).toBe(1);
    expect(await readFile(path.join(dest, "app.py"), "utf8")).toBe("first");
  });

  it("extracts only the entries select picks, where select puts them", async () => {
    const zip = await writeYazlZip(path.join(root, "export.zip"), [
      { name: "alice_1001/lab/app.py", data: "alice" },
      { name: "alice_1001/lab/", dir: true },
      { name: "bob_1002/lab/app.py", data: "bob" },
    ]);
    const prefix = "alice_1001/";
    const result = await extractZip(zip, dest, new Budget(), {
      select: (name) => (name.startsWith(prefix) ? name.slice(prefix.length) : null),
    });
    expect(result.files).toBe(1);
    expect(await tree(dest)).toEqual(["lab/", "lab/app.py"]);
    expect(await readFile(path.join(dest, "lab/app.py"), "utf8")).toBe("alice");
  });

  it("ignores entries select skips, even hostile ones: another student's name must not block this one", async () => {
    const zip = await rawZipFile("export.zip", [
      { name: "alice/app.py", data: "alice" },
      { name: "mallory/../../evil.txt", data: "evil" },
    ]);
    const result = await extractZip(zip, dest, new Budget(), { select: (name) => (name.startsWith("alice/") ? name : null) });
    expect(result.files).toBe(1);
    expect(await tree(root)).toEqual(["dest/", "dest/alice/", "dest/alice/app.py", "export.zip"]);
  });

  it("does not create destDir when it refuses the archive before writing", async () => {
    const zip = await rawZipFile("bad.zip", [{ name: "../x", data: "x" }]);
    await expect(extractZip(zip, dest, new Budget())).rejects.toMatchObject({ code: "unsafe-name" });
    expect(await tree(root)).toEqual(["bad.zip"]);
  });
});
