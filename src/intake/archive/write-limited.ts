import type { FileHandle } from "node:fs/promises";
import type { Readable } from "node:stream";

// Wraps an error from the stream being read, so callers can tell a damaged archive from a full disk.
export class SourceFailed extends Error {
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

// Streams `source` into `handle`, calling `admit` with each chunk's size before writing it; `admit` throws
// to stop. So a bomb is stopped by the bytes it actually produces, never by what its header claims, and
// at most one chunk (64 KiB) past a limit is ever read and none is written. Aborting `signal` stops it too.
export async function writeLimited(
  source: Readable,
  handle: FileHandle,
  admit: (bytes: number) => void,
  signal?: AbortSignal,
): Promise<number> {
  const stop = () => source.destroy();
  signal?.addEventListener("abort", stop, { once: true });
  const chunks: AsyncIterator<Buffer> = source[Symbol.asyncIterator]();
  let written = 0;
  try {
    for (;;) {
      signal?.throwIfAborted();
      let next: IteratorResult<Buffer>;
      try {
        next = await chunks.next();
      } catch (error) {
        signal?.throwIfAborted();
        throw new SourceFailed(error);
      }
      signal?.throwIfAborted();
      if (next.done === true) return written;
      admit(next.value.length);
      await writeAll(handle, next.value);
      written += next.value.length;
    }
  } finally {
    signal?.removeEventListener("abort", stop);
    source.destroy();
  }
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
