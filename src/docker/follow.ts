import { createInterface } from "node:readline";

export interface StreamEvent {
  stream?: string;
  status?: string;
  progress?: string;
  id?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

// Reads a build, pull or import stream (one JSON object a line) to its end, handing each event on and
// keeping none: a student's `RUN yes` must not fill labgrade's memory. Returns the daemon's own error
// text (errorDetail) when the build, pull or import failed: that is what a student needs to read.
export async function followStream(stream: NodeJS.ReadableStream, onEvent: (e: StreamEvent) => void = () => {}): Promise<{ error?: string }> {
  let error: string | undefined;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    let event: StreamEvent;
    try {
      event = JSON.parse(line) as StreamEvent;
    } catch {
      continue;
    }
    if (event.error || event.errorDetail) error ??= event.errorDetail?.message ?? event.error ?? "unknown error";
    onEvent(event);
  }
  return error === undefined ? {} : { error };
}
