import { Readable } from "node:stream";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { readWrittenFiles } from "./written-files.ts";

// The engine's archive of a path (GET /containers/{id}/archive): its entries under the path's base name.
function archive(entries: Array<{ name: string; type?: "file" | "directory" | "symlink"; content?: string; linkname?: string }>): NodeJS.ReadableStream {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? "file", ...(e.linkname ? { linkname: e.linkname } : {}) }, Buffer.from(e.content ?? ""));
  pack.finalize();
  return pack as unknown as Readable;
}

// A stopped container's filesystem as the engine would hand it out, path by path.
function container(tree: Record<string, Parameters<typeof archive>[0]>) {
  return async (file: string) => {
    const entries = tree[file];
    if (!entries) throw Object.assign(new Error(`(HTTP code 404) no such container - Could not find the file ${file} in container`), { statusCode: 404 });
    return archive(entries);
  };
}

describe("readWrittenFiles", () => {
  it("reads files the app wrote under its WORKDIR, in /tmp and in a folder of its own", async () => {
    const fs = container({
      "/app/data/a.txt": [{ name: "a.txt", content: "done\n" }],
      "/app/b.txt": [{ name: "b.txt", content: "done\n" }],
      "/tmp/c.txt": [{ name: "c.txt", content: "done\n" }],
      "/out/d.txt": [{ name: "d.txt", content: "done\n" }],
    });
    expect(await readWrittenFiles(["/app/data/a.txt", "/app/b.txt", "/tmp/c.txt", "/out/d.txt"], fs)).toEqual({ "/app/data/a.txt": "done\n", "/app/b.txt": "done\n", "/tmp/c.txt": "done\n", "/out/d.txt": "done\n" });
  });
  it("reads a path that is missing, a folder or a link as no file", async () => {
    const fs = container({
      "/app/data": [{ name: "data", type: "directory" }, { name: "data/a.txt", content: "done" }],
      "/app/link.txt": [{ name: "link.txt", type: "symlink", linkname: "/etc/passwd" }],
    });
    expect(await readWrittenFiles(["/app/missing.txt", "/app/data", "/app/link.txt"], fs)).toEqual({ "/app/missing.txt": null, "/app/data": null, "/app/link.txt": null });
  });
  it("reads a file larger than the bound as no file", async () => {
    const fs = container({ "/app/big.txt": [{ name: "big.txt", content: "x".repeat(2048) }] });
    expect(await readWrittenFiles(["/app/big.txt"], fs, 1024)).toEqual({ "/app/big.txt": null });
  });
});
