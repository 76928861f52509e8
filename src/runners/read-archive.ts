import tar from "tar-stream";

// Reads a tar stream (docker's archive of a container path) into memory, bounded in total size.
export async function readArchive(stream: NodeJS.ReadableStream, maxBytes: number): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  let total = 0;
  extract.on("entry", (header, body, next) => {
    const chunks: Buffer[] = [];
    body.on("data", (data: unknown) => {
      const c = data as Buffer;
      total += c.length;
      if (total <= maxBytes) chunks.push(c);
    });
    body.on("end", () => {
      if (header.type === "file" && total <= maxBytes) files.set(header.name.split("/").pop() ?? header.name, Buffer.concat(chunks));
      next();
    });
    body.resume();
  });
  await new Promise<void>((resolve, reject) => {
    extract.on("finish", resolve);
    extract.on("error", reject);
    stream.on("error", reject);
    stream.pipe(extract);
  });
  return files;
}
