import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contextDigest, treeDigest } from "./context-digest.ts";

const made: string[] = [];
afterEach(async () => Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "digest-test-"));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const app = { "app.py": "print(1)\n", Dockerfile: "FROM python\nCOPY . /app\n" };

describe("contextDigest", () => {
  it("is the same for two folders that build the same thing, whatever evidence each carries", async () => {
    const a = await folder({ ...app, "evidence.json": "{\"a\":1}" });
    const b = await folder({ ...app, "evidence.json": "{\"b\":2}" });
    expect(await contextDigest(a, "Dockerfile")).toBe(await contextDigest(b, "Dockerfile"));
  });

  it("changes with one byte of the app, and with a file the build would copy", async () => {
    const base = await contextDigest(await folder(app), "Dockerfile");
    expect(await contextDigest(await folder({ ...app, "app.py": "print(2)\n" }), "Dockerfile")).not.toBe(base);
    expect(await contextDigest(await folder({ ...app, "notes.txt": "x" }), "Dockerfile")).not.toBe(base);
  });

  it("leaves out what .dockerignore leaves out", async () => {
    const a = await folder({ ...app, ".dockerignore": "*.log\n", "build.log": "one" });
    const b = await folder({ ...app, ".dockerignore": "*.log\n", "build.log": "two" });
    expect(await contextDigest(a, "Dockerfile")).toBe(await contextDigest(b, "Dockerfile"));
  });
});

describe("treeDigest", () => {
  it("sees every file, names and contents, in a stable order", async () => {
    const a = await folder({ "x/1": "a", "y/2": "b" });
    const b = await folder({ "y/2": "b", "x/1": "a" });
    const c = await folder({ "x/1": "a", "y/3": "b" });
    expect(await treeDigest(a)).toBe(await treeDigest(b));
    expect(await treeDigest(a)).not.toBe(await treeDigest(c));
  });
});
