import type Dockerode from "dockerode";
import type { RawDocument, RawEvents } from "./evidence-file-v2.ts";

// Engines keep a small buffer of past events (moby keeps the last 256); more than this is not theirs.
const MAX_EVENTS = 2_000;
const MAX_EVENT_BYTES = 2 * 1024 * 1024;
const READ_TIMEOUT_MS = 10_000;
// What a lab's steps can read: containers, images, volumes and networks (a plugin's or a daemon's events say nothing of one).
const KEPT_TYPES = new Set(["container", "image", "volume", "network"]);

// Everything the engine still buffers, up to `until` (so that the stream ends by itself), bounded in
// count, bytes and time. null when the engine would not answer: events are extra evidence, never required.
export async function readBufferedEvents(docker: Dockerode, until: Date, isHarness: (event: RawDocument) => boolean): Promise<RawEvents | null> {
  const window = { since: "0", until: (until.getTime() / 1000).toFixed(3) };
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.getEvents({ since: window.since, until: window.until } as unknown as Parameters<Dockerode["getEvents"]>[0])) as NodeJS.ReadableStream;
  } catch {
    return null;
  }
  return new Promise((resolve) => {
    const events: RawDocument[] = [];
    let pending = "";
    let bytes = 0;
    let truncated = false;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      resolve(ok ? { ...window, events, truncated } : null);
    };
    const timer = setTimeout(() => finish(events.length > 0), READ_TIMEOUT_MS);
    const take = (line: string) => {
      if (!line.trim()) return;
      try {
        const event = JSON.parse(line) as RawDocument;
        if (KEPT_TYPES.has(String(event.Type)) && !isHarness(event)) events.push(event);
      } catch {
        // A line the engine cut or garbled is not evidence either way.
      }
    };
    stream.on("data", (chunk: Buffer | string) => {
      bytes += chunk.length;
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      lines.forEach(take);
      if (events.length >= MAX_EVENTS || bytes >= MAX_EVENT_BYTES) {
        truncated = true;
        events.length = Math.min(events.length, MAX_EVENTS);
        finish(true);
      }
    });
    stream.on("end", () => {
      take(pending);
      finish(true);
    });
    stream.on("error", () => finish(false));
  });
}
