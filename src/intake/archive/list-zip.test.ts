import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listZip } from "./list-zip.ts";
import { ArchiveRejected } from "./rejected.ts";
import { LINK_MODE, makeTempRoot, rawZip, tree, writeYazlZip, yazlZip } from "../../../testing/intake/zip-fixtures.ts";

let root: string;
beforeEach(async () => {
  root = await makeTempRoot();
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("listZip", () => {
  it("lists names, folders, links and sizes without extracting anything", async () => {
    const zip = await writeYazlZip(path.join(root, "export.zip"), [
      { name: "alice/lab/app.py", data: "print('hi')\n" },
      { name: "alice/lab/data/", dir: true },
      { name: "学生/Dockerfile", data: "FROM python\n" },
    ]);
    expect(await listZip(zip)).toEqual({
      entries: [
        { name: "alice/lab/app.py", dir: false, link: false, size: 12 },
        { name: "alice/lab/data/", dir: true, link: false, size: 0 },
        { name: "学生/Dockerfile", dir: false, link: false, size: 12 },
      ],
    });
    expect(await tree(root)).toEqual(["export.zip"]);
  });

  it("reads backslash names as slashes and marks link entries", async () => {
    const zip = path.join(root, "win.zip");
    await writeFile(zip, rawZip([{ name: "lab\\app.py", data: "x" }, { name: "lab\\link", data: "/etc/passwd", mode: LINK_MODE }]));
    const { entries } = await listZip(zip);
    expect(entries.map((entry) => [entry.name, entry.link])).toEqual([
      ["lab/app.py", false],
      ["lab/link", true],
    ]);
  });

  it("refuses a truncated zip as damaged, for the student to upload again", async () => {
    const whole = await yazlZip([{ name: "lab/app.py", data: "print('hi')\n".repeat(50) }]);
    const zip = path.join(root, "cut.zip");
    await writeFile(zip, whole.subarray(0, Math.floor(whole.length / 2)));
    const refused = await listZip(zip).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ArchiveRejected);
    expect(refused).toMatchObject({ code: "damaged" });
    expect((refused as Error).message).toMatch(/^the archive "cut\.zip" is damaged or truncated \(.+\): zip the folder again and upload it again$/);
  });

  it("refuses a file that is no zip at all", async () => {
    const zip = path.join(root, "notes.zip");
    await writeFile(zip, "these are my notes, not a zip\n");
    await expect(listZip(zip)).rejects.toMatchObject({ name: "ArchiveRejected", code: "damaged" });
  });

  it("refuses a central directory longer than maxEntries", async () => {
    const zip = await writeYazlZip(path.join(root, "many.zip"), [{ name: "a" }, { name: "b" }, { name: "c" }]);
    await expect(listZip(zip, { maxEntries: 2 })).rejects.toMatchObject({
      code: "too-large",
      message: expect.stringContaining("lists 3 entries, more than the 2"),
    });
  });

  it("lets a missing file's system error through: that is labgrade's input, not the student's zip", async () => {
    const refused = await listZip(path.join(root, "absent.zip")).catch((error: unknown) => error);
    expect(refused).not.toBeInstanceOf(ArchiveRejected);
    expect(refused).toMatchObject({ code: "ENOENT" });
  });
});
