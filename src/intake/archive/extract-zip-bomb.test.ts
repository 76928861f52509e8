import { randomBytes } from "node:crypto";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Budget } from "./budget.ts";
import { extractZip } from "./extract-zip.ts";
import { ArchiveRejected } from "./rejected.ts";
import { MiB } from "./sizes.ts";
import { makeTempRoot, tree, writeBombZip, writeYazlZip } from "../../../testing/intake/zip-fixtures.ts";

const LEAVE_OUT = "Leave large or generated files (data sets, virtual environments, build output) out of the hand-in and upload it again.";
// Limits that let the 300 MB entry's header through, so only the bytes as streamed can stop it.
const TRUSTING_HEADERS = { maxRatio: 1_000_000, maxFileBytes: 1_000 * MiB, maxTotalBytes: 1_000 * MiB };

let bombDir: string;
let bomb: string;
beforeAll(async () => {
  bombDir = await makeTempRoot();
  bomb = await writeBombZip(path.join(bombDir, "bomb.zip"), 300);
}, 30_000);
afterAll(async () => {
  await rm(bombDir, { recursive: true, force: true });
});

let root: string;
let dest: string;
beforeEach(async () => {
  root = await makeTempRoot();
  dest = path.join(root, "dest");
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

describe("extractZip against zip bombs", () => {
  it("refuses 300 MB of zeros in a ~300 KB zip by its ratio, before writing a byte", async () => {
    const budget = new Budget();
    const error = await refusal(extractZip(bomb, dest, budget));
    expect(error.code).toBe("too-large");
    expect(error.message).toMatch(
      /^zip bomb: "zeros\.bin" expands \d{3,4} times \(300 MB from 0\.\d MB compressed\); files over 1 MB may expand at most 200 times\. /,
    );
    expect(error.message.endsWith(LEAVE_OUT)).toBe(true);
    expect(budget.bytes).toBe(0);
    expect(await tree(root)).toEqual([]);
  });

  it("refuses an entry whose header admits it is bigger than one file may be", async () => {
    const error = await refusal(extractZip(bomb, dest, new Budget({ ...TRUSTING_HEADERS, maxFileBytes: 10 * MiB })));
    expect(error.message).toBe(`zip bomb: "zeros.bin" is 300 MB uncompressed, more than the 10 MB allowed for one file. ${LEAVE_OUT}`);
    expect(await tree(root)).toEqual([]);
  });

  it("stops streaming at the budget, deletes the partial file, and says how much was too much", async () => {
    const budget = new Budget({ ...TRUSTING_HEADERS, maxTotalBytes: 20 * MiB });
    const error = await refusal(extractZip(bomb, dest, budget));
    expect(error.message).toBe(`zip bomb: unpacking stopped at "zeros.bin": the hand-in would hold more than 20 MB uncompressed in all. ${LEAVE_OUT}`);
    expect(budget.bytes).toBeGreaterThan(20 * MiB);
    expect(budget.bytes - 20 * MiB).toBeLessThanOrEqual(64 * 1024); // one chunk read past the limit, none written
    expect(await tree(root)).toEqual(["dest/"]);
  });

  it("charges two extractions of one hand-in to the same budget", async () => {
    const budget = new Budget({ maxTotalBytes: MiB });
    const first = await writeYazlZip(path.join(root, "first.zip"), [{ name: "a.bin", data: randomBytes(600 * 1024) }]);
    const second = await writeYazlZip(path.join(root, "second.zip"), [{ name: "b.bin", data: randomBytes(600 * 1024) }]);
    expect(await extractZip(first, path.join(dest, "first"), budget)).toMatchObject({ files: 1, bytes: 600 * 1024 });
    const error = await refusal(extractZip(second, path.join(dest, "second"), budget));
    expect(error.message).toContain('unpacking stopped at "b.bin": the hand-in would hold more than 1 MB uncompressed in all');
    expect(await tree(dest)).toEqual(["first/", "first/a.bin", "second/"]);
    expect((await readFile(path.join(dest, "first/a.bin"))).length).toBe(600 * 1024);
  });

  it("refuses more entries than maxFiles before writing any, counting what the budget already holds", async () => {
    const zip = await writeYazlZip(
      path.join(root, "many.zip"),
      Array.from({ length: 3 }, (_, i) => ({ name: `f${i}.txt`, data: "x" })),
    );
    const budget = new Budget({ maxFiles: 4 });
    budget.charge("/elsewhere/one", 0);
    budget.charge("/elsewhere/two", 0);
    const error = await refusal(extractZip(zip, dest, budget));
    expect(error.message).toBe(`zip bomb: unpacking stopped at "f2.txt": the hand-in would hold more than 4 files and folders. ${LEAVE_OUT}`);
    expect(await tree(root)).toEqual(["many.zip"]);
  });

  it("refuses a zip of many empty folders: folders count as files", async () => {
    const zip = await writeYazlZip(
      path.join(root, "folders.zip"),
      [{ name: "a/b/c/d/e/f/g/h/file.txt", data: "x" }],
    );
    const error = await refusal(extractZip(zip, dest, new Budget({ maxFiles: 5 })));
    expect(error.message).toContain("more than 5 files and folders");
  });
});

describe("extractZip is bounded in time", () => {
  it("does not start when the signal is already aborted", async () => {
    const controller = new AbortController();
    controller.abort(new Error("grading was cancelled"));
    await expect(extractZip(bomb, dest, new Budget(TRUSTING_HEADERS), { signal: controller.signal })).rejects.toThrow("grading was cancelled");
    expect(await tree(root)).toEqual([]);
  });

  it("stops mid-file when aborted, with the signal's reason, and removes the partial file", async () => {
    const budget = new Budget(TRUSTING_HEADERS);
    const controller = new AbortController();
    const poll = setInterval(() => {
      if (budget.bytes > 4 * MiB) controller.abort(new Error("took too long"));
    }, 1);
    try {
      await expect(extractZip(bomb, dest, budget, { signal: controller.signal })).rejects.toThrow("took too long");
    } finally {
      clearInterval(poll);
    }
    expect(budget.bytes).toBeLessThan(300 * MiB);
    expect(await tree(root)).toEqual(["dest/"]);
  });
});
