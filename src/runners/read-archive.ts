import tar from "tar-stream";

// Reads a tar stream (docker's archive of a container path) into memory, bounded in size and in time:
// past either bound the copy is stopped (the source destroyed) and the read fails, so a student who
// fills the capture folder with gigabytes cannot hold the grade after their app's own limit.
export async function readArchive(stream: NodeJS.ReadableStream, maxBytes: number, timeoutMs = 10_000): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped: Error | null = null;
  const stop = (why: string) => {
    stopped ??= new Error(why);
    (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
    extract.destroy();
  };
  extract.on("entry", (header, body, next) => {
    const chunks: Buffer[] = [];
    body.on("error", () => undefined); // the read as a whole fails below
    body.on("data", (data: unknown) => {
      const c = data as Buffer;
      total += c.length;
      if (total > maxBytes) return stop(`the archive holds more than ${maxBytes} bytes`);
      chunks.push(c);
    });
    body.on("end", () => {
      if (header.type === "file") files.set(header.name.split("/").pop() ?? header.name, Buffer.concat(chunks));
      next();
    });
    body.resume();
  });
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => stop(`the archive took longer than ${timeoutMs} ms to read`), timeoutMs);
      extract.on("finish", resolve);
      extract.on("error", reject);
      extract.on("close", () => reject(stopped ?? new Error("the archive was cut short")));
      stream.on("error", reject);
      stream.pipe(extract);
    });
  } finally {
    clearTimeout(timer);
  }
  return files;
}
