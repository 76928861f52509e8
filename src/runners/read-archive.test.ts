import { PassThrough, Readable } from "node:stream";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { readArchive } from "./read-archive.ts";

function archive(files: Record<string, Buffer>): Readable {
  const pack = tar.pack();
  for (const [name, content] of Object.entries(files)) pack.entry({ name }, content);
  pack.finalize();
  return pack as unknown as Readable;
}

describe("readArchive", () => {
  it("reads the files of a small archive by their base names", async () => {
    const files = await readArchive(archive({ "capture/captures.json": Buffer.from("[]"), "capture/fig1.png": Buffer.from("png") }), 1024);
    expect([...files.keys()].sort()).toEqual(["captures.json", "fig1.png"]);
    expect(files.get("captures.json")?.toString()).toBe("[]");
  });

  it("stops reading an archive larger than its bound instead of reading it all", async () => {
    const big = archive({ "a.bin": Buffer.alloc(256 * 1024), "b.bin": Buffer.alloc(256 * 1024) });
    await expect(readArchive(big, 100 * 1024)).rejects.toThrow(/more than 102400 bytes/);
  });

  it("gives up on an archive that trickles in past its time bound", async () => {
    const slow = new PassThrough();
    slow.write(Buffer.alloc(10));
    const started = Date.now();
    await expect(readArchive(slow, 1024, 200)).rejects.toThrow(/longer than 200 ms/);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
