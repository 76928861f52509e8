import yazl from "yazl";

// A zip of in-memory files, every entry dated `mtime`: two renders of one class are byte-identical.
export function zipBytes(files: ReadonlyArray<{ name: string; data: string | Uint8Array }>, mtime: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const { name, data } of files) zip.addBuffer(Buffer.from(data), name, { mtime, mode: 0o100644 });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}
