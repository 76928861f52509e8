// `labgrade lab check … | head`: once the reader of labgrade's output goes away, what is left to print is dropped
// and the work finishes (and cleans up) as it would have; the closed pipe is never an unhandled error. Installed
// once a stream, for the life of the process: the error may come after the command has returned.
const GONE = new Set(["EPIPE", "ERR_STREAM_DESTROYED"]);
const watched = new WeakSet<NodeJS.WritableStream>();

export function dropOutputWhenClosed(stream: NodeJS.WritableStream): void {
  if (watched.has(stream)) return;
  watched.add(stream);
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (!GONE.has(error.code ?? "")) throw error;
  });
}
