import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Budget } from "./budget.ts";
import { expandNestedZips } from "./expand-nested.ts";
import { ArchiveRejected } from "./rejected.ts";
import { MiB } from "./sizes.ts";
import { LINK_MODE, makeTempRoot, rawZip, tree, yazlZip, type YazlEntry } from "../../../testing/intake/zip-fixtures.ts";

let root: string;
let dir: string;
beforeEach(async () => {
  root = await makeTempRoot();
  dir = path.join(root, "alice");
  await mkdir(dir);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const LAB: YazlEntry[] = [
  { name: "lab/app.py", data: "print('hi')\n" },
  { name: "lab/Dockerfile", data: "FROM python:3.12\n" },
];

// l1.zip holds l2.zip … holds lN.zip, which holds app.py.
async function nested(levels: number): Promise<Buffer> {
  let zip = await yazlZip([{ name: "app.py", data: "print('deep')\n" }]);
  for (let level = levels; level > 1; level -= 1) zip = await yazlZip([{ name: `l${level}.zip`, data: zip }]);
  return zip;
}

describe("expandNestedZips", () => {
  it("unpacks a zip that is alone in the folder into the folder itself, and removes it", async () => {
    await writeFile(path.join(dir, "lab.zip"), await yazlZip(LAB));
    const result = await expandNestedZips(dir, new Budget());
    expect(result).toEqual({ archives: ["lab.zip"], files: 2, bytes: 12 + 17, skippedLinks: [] });
    expect(await tree(dir)).toEqual(["lab/", "lab/Dockerfile", "lab/app.py"]);
  });

  it("unpacks zips beside other things into sibling folders named after them, whatever the case of .zip", async () => {
    await writeFile(path.join(dir, "part1.zip"), await yazlZip([{ name: "app.py", data: "1" }]));
    await writeFile(path.join(dir, "PART2.ZIP"), await yazlZip([{ name: "Dockerfile", data: "2" }]));
    await writeFile(path.join(dir, "notes.txt"), "see the zips");
    await expandNestedZips(dir, new Budget());
    expect(await tree(dir)).toEqual(["PART2/", "PART2/Dockerfile", "notes.txt", "part1/", "part1/app.py"]);
  });

  it("picks a free sibling name when the zip's name is taken", async () => {
    await mkdir(path.join(dir, "lab"));
    await writeFile(path.join(dir, "lab", "old.py"), "old");
    await writeFile(path.join(dir, "lab.zip"), await yazlZip([{ name: "app.py", data: "new" }]));
    await expandNestedZips(dir, new Budget());
    expect(await tree(dir)).toEqual(["lab-2/", "lab-2/app.py", "lab/", "lab/old.py"]);
  });

  it("expands a zip of zips", async () => {
    const inner = await yazlZip(LAB);
    await writeFile(path.join(dir, "submission.zip"), await yazlZip([{ name: "README.md", data: "hi" }, { name: "inner.zip", data: inner }]));
    const result = await expandNestedZips(dir, new Budget());
    expect(result.archives).toEqual(["submission.zip", "inner.zip"]);
    expect(await tree(dir)).toEqual(["README.md", "inner/", "inner/lab/", "inner/lab/Dockerfile", "inner/lab/app.py"]);
  });

  it("unpacks a lab.zip that holds only a lab.zip, without mistaking one for the other", async () => {
    await writeFile(path.join(dir, "lab.zip"), await yazlZip([{ name: "lab.zip", data: await yazlZip(LAB) }]));
    await expandNestedZips(dir, new Budget());
    expect(await tree(dir)).toEqual(["lab/", "lab/Dockerfile", "lab/app.py"]);
  });

  it("expands zips nested as deep as maxDepth", async () => {
    await writeFile(path.join(dir, "l1.zip"), await nested(3));
    const result = await expandNestedZips(dir, new Budget());
    expect(result.archives).toEqual(["l1.zip", "l2.zip", "l3.zip"]);
    expect(await tree(dir)).toEqual(["app.py"]);
  });

  it("refuses zips nested deeper than maxDepth", async () => {
    await writeFile(path.join(dir, "l1.zip"), await nested(4));
    const error = await expandNestedZips(dir, new Budget()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArchiveRejected);
    expect(error).toMatchObject({
      code: "too-deep",
      message: 'zips nested more than 3 deep ("l4.zip" is inside 3 other zips): zip the project folder once, not zips of zips, and upload it again',
    });
    expect(await tree(root)).toEqual(["alice/", "alice/l4.zip"]);
  });

  it("counts the zips the caller already opened", async () => {
    await writeFile(path.join(dir, "l1.zip"), await nested(2));
    await expect(expandNestedZips(dir, new Budget(), 2)).rejects.toMatchObject({ code: "too-deep" });
  });

  it("drops __MACOSX folders, .DS_Store and AppleDouble files before looking for zips", async () => {
    const appleDouble = Buffer.concat([Buffer.from([0x00, 0x05, 0x16, 0x07]), Buffer.alloc(60)]);
    await writeFile(
      path.join(dir, "lab.zip"),
      await yazlZip([
        ...LAB,
        { name: "__MACOSX/._lab.zip", data: appleDouble },
        { name: "__MACOSX/lab/._app.py", data: appleDouble },
        { name: "lab/.DS_Store", data: "Bud1" },
        { name: "lab/._data.zip", data: appleDouble },
        { name: "lab/._mine.txt", data: "a student's own file that happens to start with ._" },
      ]),
    );
    await writeFile(path.join(dir, ".DS_Store"), "Bud1");
    await expandNestedZips(dir, new Budget());
    expect(await tree(dir)).toEqual(["lab/", "lab/._mine.txt", "lab/Dockerfile", "lab/app.py"]);
  });

  it("charges every level to the same budget", async () => {
    const inner = await yazlZip([{ name: "data.bin", data: randomBytes(700 * 1024) }]);
    await writeFile(path.join(dir, "outer.zip"), await yazlZip([{ name: "inner.zip", data: inner }, { name: "app.py", data: "x" }]));
    const error = await expandNestedZips(dir, new Budget({ maxTotalBytes: MiB })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ArchiveRejected);
    expect((error as Error).message).toContain('unpacking stopped at "data.bin": the hand-in would hold more than 1 MB uncompressed in all');
    expect(await tree(dir)).not.toContain("inner/data.bin");
  });

  it("reports links found in nested zips under the zip they came from", async () => {
    await writeFile(path.join(dir, "lab.zip"), rawZip([{ name: "lab/app.py", data: "x" }, { name: "lab/python", data: "/usr/bin/python3", mode: LINK_MODE }]));
    const result = await expandNestedZips(dir, new Budget());
    expect(result.skippedLinks).toEqual(["lab.zip/lab/python"]);
    expect(await tree(dir)).toEqual(["lab/", "lab/app.py"]);
    expect(await readFile(path.join(dir, "lab", "app.py"), "utf8")).toBe("x");
  });
});
