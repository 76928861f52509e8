import { afterEach, describe, expect, it } from "vitest";
import { followEngine, problemOf, type Dispatcher, type EngineTiming } from "./engine-follower.ts";
import { FakeEngine } from "../../testing/watch/fake-engine.ts";
import { initialState, reduce, type WatchEvent, type WatchState } from "./watch-state.ts";

const TIMING: EngineTiming = { debounceMs: 20, maxDelayMs: 100, heartbeatMs: 40, imagesMs: 30, backoff: { baseMs: 10, maxMs: 40 } };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The reducer's state, and everything dispatched to it.
function recorder(): Dispatcher & { events: WatchEvent[]; current: WatchState } {
  const out = {
    events: [] as WatchEvent[],
    current: initialState(),
    now: () => new Date(),
    state: () => out.current,
    dispatch(event: WatchEvent) {
      out.events.push(event);
      out.current = reduce(out.current, event);
    },
  };
  return out;
}

async function until(condition: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await sleep(5);
  }
}

describe("followEngine", () => {
  const stops: AbortController[] = [];
  afterEach(() => stops.forEach((c) => c.abort()));

  function follow(engine: FakeEngine) {
    const to = recorder();
    const controller = new AbortController();
    stops.push(controller);
    const done = followEngine(engine, to, controller.signal, TIMING);
    return { to, controller, done };
  }

  it("reads the engine once it answers, then once per burst of events", async () => {
    const engine = new FakeEngine();
    const { to } = follow(engine);
    await until(() => to.current.link.kind === "answering");
    expect(engine.reads).toBe(1);
    for (let i = 0; i < 25; i++) engine.emit();
    await until(() => to.current.readSeq === 25);
    await sleep(60);
    expect(engine.reads).toBe(2);
  });

  it("reads at most maxDelayMs after an event, however long the burst", async () => {
    const engine = new FakeEngine();
    const { to } = follow(engine);
    await until(() => to.current.link.kind === "answering");
    const started = Date.now();
    const burst = setInterval(() => engine.emit(), 5);
    await until(() => engine.reads >= 2);
    clearInterval(burst);
    expect(Date.now() - started).toBeLessThan(TIMING.maxDelayMs + 80);
  });

  it("reads again when events come in during a read, so the last read covers every event", async () => {
    const engine = new FakeEngine();
    engine.readMs = 60;
    const { to } = follow(engine);
    await until(() => to.current.link.kind === "answering");
    engine.emit();
    await until(() => engine.reads === 2);
    engine.emit({ action: "start" });
    await until(() => to.current.readSeq === 2 && to.current.eventSeq === 2);
    expect(engine.reads).toBe(3);
  });

  it("ignores events that cannot change the evidence", async () => {
    const engine = new FakeEngine();
    const { to } = follow(engine);
    await until(() => to.current.link.kind === "answering");
    engine.emit({ action: "attach" });
    engine.emit({ harness: true });
    await sleep(80);
    expect(engine.reads).toBe(1);
  });

  it("says the engine is not answering when it goes away, retries with a growing, bounded delay, and resumes", async () => {
    const engine = new FakeEngine();
    const { to } = follow(engine);
    await until(() => to.current.link.kind === "answering");
    engine.goDown();
    await until(() => to.events.filter((e) => e.kind === "engine-lost").length >= 5);
    const delays = to.events.flatMap((e) => (e.kind === "engine-lost" ? [e.retryInMs] : []));
    expect(delays.slice(0, 5)).toEqual([10, 20, 40, 40, 40]);
    expect(to.current.link).toMatchObject({ kind: "lost", problem: "nothing listens there" });
    const lostAt = to.events.length;
    engine.comeBack();
    await until(() => to.current.link.kind === "answering");
    expect(to.events.slice(lostAt).map((e) => e.kind)).toEqual(["engine-read"]);
    // Followed again: a new event is read.
    engine.emit();
    await until(() => to.current.readSeq === 1);
    // And the backoff starts again from the beginning.
    engine.goDown();
    await until(() => to.current.link.kind === "lost");
    expect(to.events.at(-1)).toMatchObject({ kind: "engine-lost", retryInMs: 10 });
  });

  it("notices an engine that hangs without closing its stream (the heartbeat's ping fails)", async () => {
    const engine = new FakeEngine();
    const { to } = follow(engine);
    await until(() => to.current.link.kind === "answering");
    engine.hung = true;
    await until(() => to.current.link.kind === "lost");
    expect(to.current.link).toMatchObject({ problem: "no answer in time" });
    engine.comeBack();
    await until(() => to.current.link.kind === "answering");
  });

  it("a read that fails is the engine going away", async () => {
    const engine = new FakeEngine();
    const { to } = follow(engine);
    await until(() => to.current.link.kind === "answering");
    engine.up = false; // the stream stays open, but the next read fails
    engine.emit();
    await until(() => to.current.link.kind === "lost");
  });

  it("stops when its signal aborts, whatever it was doing", async () => {
    const engine = new FakeEngine();
    const up = follow(engine);
    await until(() => up.to.current.link.kind === "answering");
    up.controller.abort();
    await up.done;
    engine.up = false;
    const down = follow(engine);
    await until(() => down.to.current.link.kind === "lost");
    down.controller.abort();
    await down.done;
  });
});

describe("problemOf", () => {
  it("says what went wrong in the student's words", () => {
    expect(problemOf(Object.assign(new Error("connect ENOENT /var/run/docker.sock"), { code: "ENOENT" }))).toBe("no socket there");
    expect(problemOf(new Error("the engine closed its event stream"))).toBe("the engine closed its event stream");
    expect(problemOf(Object.assign(new Error("aborted"), { code: "ECONNRESET" }))).toBe("the engine closed the connection");
  });
});

describe("followEngine: images that change without an event", () => {
  it("lists the images on a heartbeat and reads the engine when they differ from the newest read", async () => {
    const engine = new FakeEngine();
    const to = recorder();
    const controller = new AbortController();
    const done = followEngine(engine, to, controller.signal, TIMING);
    try {
      await until(() => to.current.link.kind === "answering");
      await until(() => engine.imageListings >= 2);
      expect(engine.reads).toBe(1);
      const built = { id: "sha256:" + "b".repeat(64), tags: ["pythonapp:latest"], created: new Date().toISOString(), substitute: false };
      engine.snapshot = { ...engine.snapshot, images: [...engine.snapshot.images, built] };
      engine.imagesNow = engine.snapshot.images;
      await until(() => Boolean(to.current.snapshot?.images.some((i) => i.tags.includes("pythonapp:latest"))));
      expect(engine.reads).toBe(2);
      const listings = engine.imageListings;
      await until(() => engine.imageListings >= listings + 3);
      expect(engine.reads).toBe(2);
    } finally {
      controller.abort();
      await done;
    }
  });
});
