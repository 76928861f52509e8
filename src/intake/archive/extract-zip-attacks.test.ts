import { lstat, mkdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Budget } from "./budget.ts";
import { extractZip } from "./extract-zip.ts";
import { ArchiveRejected } from "./rejected.ts";
import { LINK_MODE, makeTempRoot, rawZip, tree, yazlZip, type RawEntry } from "../../../testing/intake/zip-fixtures.ts";

// Layout of every test: root/in/archive.zip is extracted into root/out/dest, so an escape of one or two
// levels ("../x", "../../x") lands in root/out or root, where tree(root) sees it.
let root: string;
let zip: string;
let dest: string;
beforeEach(async () => {
  root = await makeTempRoot();
  await mkdir(path.join(root, "in"));
  await mkdir(path.join(root, "out"));
  zip = path.join(root, "in", "archive.zip");
  dest = path.join(root, "out", "dest");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function refusal(work: Promise<unknown>): Promise<ArchiveRejected> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ArchiveRejected);
  return error as ArchiveRejected;
}

describe("extractZip refuses names that would land outside destDir", () => {
  const cases: Array<[string, () => string, string]> = [
    ["a ../ escape", () => "../evil.txt", 'climbs out of its folder with ".."'],
    ["a deeper ../ escape", () => "lab/../../../evil.txt", 'climbs out of its folder with ".."'],
    ["a backslash escape", () => "..\\..\\evil.txt", 'climbs out of its folder with ".."'],
    ["an absolute path", () => `${root}/evil.txt`, 'starts with "/" (an absolute path)'],
    ["an absolute path to /etc", () => "/etc/labgrade-test-evil", 'starts with "/" (an absolute path)'],
    ["a drive letter", () => "C:\\evil.txt", "starts with a drive letter (an absolute Windows path)"],
  ];

  it.each(cases)("%s", async (_label, hostileName, problem) => {
    const name = hostileName();
    // A harmless entry first: nothing at all is written, because every name is checked before writing.
    await writeFile(zip, rawZip([{ name: "lab/app.py", data: "ok" }, { name, data: "pwned" }]));
    const error = await refusal(extractZip(zip, dest, new Budget()));
    expect(error.code).toBe("unsafe-name");
    expect(error.message).toBe(
      `the archive entry ${JSON.stringify(name)} is unsafe: its name ${problem}. ` +
        "labgrade only unpacks files that stay inside the hand-in: zip the project folder itself and upload it again",
    );
    expect(await tree(root)).toEqual(["in/", "in/archive.zip", "out/"]);
    await expect(lstat("/etc/labgrade-test-evil")).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses a select that maps an entry outside, naming the entry and where it would go", async () => {
    await writeFile(zip, await yazlZip([{ name: "alice/app.py", data: "x" }]));
    const error = await refusal(extractZip(zip, dest, new Budget(), { select: () => "../../stolen.py" }));
    expect(error.message).toContain('the archive entry "alice/app.py" is unsafe: it would be unpacked to "../../stolen.py", which climbs out');
    expect(await tree(root)).toEqual(["in/", "in/archive.zip", "out/"]);
  });

  it("quotes a name with control characters JSON-escaped, so a message cannot forge terminal output", async () => {
    await writeFile(zip, rawZip([{ name: "../\u001b[2Jx\n", data: "x" }]));
    const error = await refusal(extractZip(zip, dest, new Budget()));
    expect(error.message).toContain('"../\\u001b[2Jx\\n"');
  });
});

describe("extractZip never makes or follows links", () => {
  it("skips a symlink entry, reports it, and extracts the rest", async () => {
    const entries: RawEntry[] = [
      { name: "lab/passwd", data: "/etc/passwd", mode: LINK_MODE },
      { name: "lab/up", data: "../../..", mode: LINK_MODE },
      { name: "lab/app.py", data: "print(1)\n" },
    ];
    await writeFile(zip, rawZip(entries));
    const result = await extractZip(zip, dest, new Budget());
    expect(result).toEqual({ files: 1, bytes: 9, skippedLinks: ["lab/passwd", "lab/up"] });
    expect(await tree(root)).toEqual(["in/", "in/archive.zip", "out/", "out/dest/", "out/dest/lab/", "out/dest/lab/app.py"]);
  });

  it("refuses to write through a link that already sits in destDir", async () => {
    const outside = path.join(root, "outside");
    await mkdir(outside);
    await mkdir(dest);
    await symlink(outside, path.join(dest, "lab"));
    await writeFile(zip, await yazlZip([{ name: "lab/app.py", data: "pwned" }]));
    await expect(extractZip(zip, dest, new Budget())).rejects.toMatchObject({
      name: "HarnessError",
      code: "BAD_INPUT",
      message: 'Expected "lab" in the destination folder to be missing or a plain folder; found a symbolic link.',
    });
    expect(await tree(outside)).toEqual([]);
  });

  it("refuses to write a file over a link that already sits in destDir", async () => {
    const target = path.join(root, "target.txt");
    await writeFile(target, "untouched");
    await mkdir(dest);
    await symlink(target, path.join(dest, "app.py"));
    await writeFile(zip, await yazlZip([{ name: "app.py", data: "pwned" }]));
    await expect(extractZip(zip, dest, new Budget())).rejects.toMatchObject({ name: "HarnessError" });
    expect(await tree(root)).toEqual(["in/", "in/archive.zip", "out/", "out/dest/", `out/dest/app.py -> ${target}`, "target.txt"]);
  });
});

describe("extractZip refuses damaged archives", () => {
  it("refuses a truncated zip and writes nothing", async () => {
    const whole = await yazlZip([{ name: "lab/app.py", data: "print('hi')\n".repeat(100) }]);
    await writeFile(zip, whole.subarray(0, whole.length - 30));
    const error = await refusal(extractZip(zip, dest, new Budget()));
    expect(error.code).toBe("damaged");
    expect(error.message).toMatch(/^the archive "archive\.zip" is damaged or truncated \(.+\): zip the folder again and upload it again$/);
    expect(await tree(root)).toEqual(["in/", "in/archive.zip", "out/"]);
  });

  it("refuses corrupt compressed data and removes the partly written file", async () => {
    // Text that deflates to a long stream; overwrite its middle with garbage.
    const text = Array.from({ length: 40_000 }, (_, i) => `line ${i} ${(i * 7919) % 104_729}\n`).join("");
    const good = await yazlZip([{ name: "lab/data.txt", data: text }]);
    const bad = Buffer.from(good);
    const dataStart = 30 + "lab/data.txt".length + bad.readUInt16LE(28);
    bad.fill(0xff, dataStart + 20_000, dataStart + 20_400);
    await writeFile(zip, bad);
    const budget = new Budget();
    const error = await refusal(extractZip(zip, dest, budget));
    expect(error.code).toBe("damaged");
    expect(error.detail).toBe("invalid block type");
    expect(budget.bytes).toBeGreaterThan(16_384); // some of the file was written before the damage showed...
    expect(await tree(root)).toEqual(["in/", "in/archive.zip", "out/", "out/dest/", "out/dest/lab/"]); // ...and removed
  });

  it("refuses an entry that is both a file and a folder, without crashing", async () => {
    await writeFile(zip, rawZip([{ name: "lab", data: "a file" }, { name: "lab/app.py", data: "x" }]));
    const error = await refusal(extractZip(zip, dest, new Budget()));
    expect(error.code).toBe("conflict");
    expect(error.message).toBe('the hand-in has "lab" both as a file and as a folder: rename one of them and upload it again');
  });

  it("refuses a password-protected entry before writing anything", async () => {
    // Traditional encryption: flag bit 0, and 12 header bytes before the data.
    await writeFile(zip, rawZip([{ name: "secret.py", data: Buffer.alloc(12 + 5, 1), flags: 0x801, uncompressedSize: 5 }]));
    const error = await refusal(extractZip(zip, dest, new Budget()));
    expect(error.code).toBe("unsupported");
    expect(error.message).toBe('the archive entry "secret.py" is password-protected: zip the folder again without a password and upload it again');
    expect(await tree(root)).toEqual(["in/", "in/archive.zip", "out/"]);
  });
});
