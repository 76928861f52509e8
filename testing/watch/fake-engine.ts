import type { EngineSnapshot } from "../../src/evidence/types.ts";
import type { EngineEvent } from "../../src/watch/engine-event.ts";
import type { EngineConnection, EngineSource } from "../../src/watch/engine-source.ts";
import { handoutWalk } from "./replay.ts";

const refused = () => Object.assign(new Error("connect ECONNREFUSED /var/run/docker.sock"), { code: "ECONNREFUSED" });

// An engine the test drives: it emits events, goes away, hangs and comes back on command, and counts reads.
export class FakeEngine implements EngineSource {
  up = true;
  hung = false;
  reads = 0;
  imageListings = 0;
  /** What a listing of the images shows, when it differs from what a read would (a change with no event). */
  imagesNow: EngineSnapshot["images"] | null = null;
  connects = 0;
  readMs = 0;
  snapshot: EngineSnapshot = handoutWalk().commands[0]!.events.find((e) => e.kind === "engine-read")!.snapshot;
  private readonly streams = new Set<Queue>();

  async connect(): Promise<EngineConnection> {
    this.connects++;
    if (!this.up) throw refused();
    return {
      endpoint: "unix:///fake.sock",
      ping: async () => {
        if (!this.up || this.hung) throw this.hung ? Object.assign(new Error("The operation was aborted due to timeout"), { name: "TimeoutError" }) : refused();
      },
      events: async (signal) => {
        const queue = new Queue(signal);
        this.streams.add(queue);
        return queue;
      },
      images: async () => {
        this.imageListings++;
        if (!this.up) throw refused();
        return this.imagesNow ?? this.snapshot.images;
      },
      read: async () => {
        this.reads++;
        await new Promise((resolve) => setTimeout(resolve, this.readMs));
        if (!this.up) throw refused();
        return this.snapshot;
      },
    };
  }

  emit(event: Partial<EngineEvent> = {}): void {
    const full: EngineEvent = { type: "container", action: "create", id: "c1", name: "mycontainer", image: "hello-world", exitCode: null, harness: false, time: null, ...event };
    for (const stream of this.streams) stream.push(full);
  }

  goDown(): void {
    this.up = false;
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }

  comeBack(): void {
    this.up = true;
    this.hung = false;
  }
}

// An async iterable of events that ends when told to or when its signal aborts.
class Queue implements AsyncIterable<EngineEvent> {
  private readonly items: EngineEvent[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  constructor(signal: AbortSignal) {
    signal.addEventListener("abort", () => this.end(), { once: true });
  }

  push(event: EngineEvent): void {
    this.items.push(event);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<EngineEvent> {
    for (;;) {
      const next = this.items.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = null;
    }
  }
}
