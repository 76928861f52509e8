import type Dockerode from "dockerode";
import { HarnessError } from "../errors.ts";
import type { RawDocument, RawEvents } from "./evidence-file-v2.ts";

// Engines keep a small buffer of past events (moby keeps the last 256); more than this is not theirs.
const MAX_EVENTS = 2_000;
const MAX_EVENT_BYTES = 2 * 1024 * 1024;
const READ_TIMEOUT_MS = 10_000;
// What a lab's steps can read: containers, images, volumes and networks (a plugin's or a daemon's events say nothing of one).
const KEPT_TYPES = new Set(["container", "image", "volume", "network"]);

const ATTEMPTS = 3;

// Everything the engine still buffers, up to `until` (so that the stream ends by itself), bounded in count,
// bytes and time. An engine always serves /events: a read that fails is tried again, then is labgrade's
// error, never a file without events (a grader takes missing events as dropped by hand).
export async function readBufferedEvents(docker: Dockerode, until: Date, isHarness: (event: RawDocument) => boolean, attempts = ATTEMPTS): Promise<RawEvents> {
  let why = "";
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const read = await readOnce(docker, until, isHarness).catch((error: Error) => error.message);
    if (typeof read !== "string") return read;
    why = read;
  }
  throw new HarnessError("ENGINE_FAILED", `Expected the Docker engine to send its buffered events (GET /events); ${attempts} tries failed, the last with: ${why}`, "Check that Docker is still running (`labgrade doctor`), then run `labgrade collect` again.");
}

async function readOnce(docker: Dockerode, until: Date, isHarness: (event: RawDocument) => boolean): Promise<RawEvents> {
  const window = { since: "0", until: (until.getTime() / 1000).toFixed(3) };
  const stream = (await docker.getEvents({ since: window.since, until: window.until } as unknown as Parameters<Dockerode["getEvents"]>[0])) as NodeJS.ReadableStream;
  return new Promise((resolve, reject) => {
    const events: RawDocument[] = [];
    // Every event the engine sent, of any type and whoever's: how full its buffer was (moby keeps 256).
    let received = 0;
    let pending = "";
    let bytes = 0;
    let truncated = false;
    let done = false;
    const finish = (failure: string | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      if (failure === null) resolve({ ...window, events, truncated, received });
      else reject(new Error(failure));
    };
    const timer = setTimeout(() => finish(`the stream did not end within ${READ_TIMEOUT_MS / 1000} s`), READ_TIMEOUT_MS);
    const take = (line: string) => {
      if (!line.trim()) return;
      try {
        const event = JSON.parse(line) as RawDocument;
        received++;
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
        finish(null);
      }
    });
    stream.on("end", () => {
      take(pending);
      finish(null);
    });
    stream.on("error", (error: Error) => finish(error.message));
  });
}
