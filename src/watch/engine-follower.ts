import { describeConnectError } from "../docker/connect.ts";
import { isHarnessError } from "../errors.ts";
import { reconnectDelay } from "./backoff.ts";
import { changesEvidence } from "./engine-event.ts";
import { imagesFingerprint } from "./images-fingerprint.ts";
import type { EngineConnection, EngineSource } from "./engine-source.ts";
import { needsRead, type WatchEvent, type WatchState } from "./watch-state.ts";

export interface EngineTiming {
  /** A read waits this long after the newest event, so that a burst (a build, a prune) is read once… */
  debounceMs: number;
  /** …but never longer than this after the first event it covers. */
  maxDelayMs: number;
  /** How often a quiet engine is pinged, to notice one that hangs rather than closes its stream. */
  heartbeatMs: number;
  /** How often the images are listed between reads, for builds that change them and send no event. */
  imagesMs: number;
  backoff: { baseMs: number; maxMs: number };
}

export const ENGINE_TIMING: EngineTiming = { debounceMs: 150, maxDelayMs: 600, heartbeatMs: 5_000, imagesMs: 2_000, backoff: { baseMs: 250, maxMs: 5_000 } };

export interface Dispatcher {
  dispatch(event: WatchEvent): void;
  state(): WatchState;
  now(): Date;
}

// Follows the engine until `signal` aborts: subscribes to its events first and then reads it (so nothing
// that happens in between is missed), reads it again after each burst of events, and when the engine stops
// answering (its stream ends, a read or a ping fails) says so and reconnects with a bounded backoff.
export async function followEngine(source: EngineSource, to: Dispatcher, signal: AbortSignal, timing: EngineTiming = ENGINE_TIMING): Promise<void> {
  let attempt = 0;
  while (!signal.aborted) {
    const attemptSignal = new AbortController();
    const stop = () => attemptSignal.abort(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
    const reads = new Reads(to, attemptSignal, timing);
    let heartbeat: NodeJS.Timeout | undefined;
    let imagesBeat: NodeJS.Timeout | undefined;
    try {
      const connection = await source.connect();
      await connection.ping(attemptSignal.signal);
      const events = await connection.events(attemptSignal.signal);
      reads.connection = connection;
      await reads.readNow();
      attempt = 0;
      heartbeat = setInterval(() => void connection.ping(attemptSignal.signal).catch((error: unknown) => attemptSignal.abort(error)), timing.heartbeatMs);
      if (connection.images) imagesBeat = setInterval(() => void listImages(connection, to, reads, attemptSignal), timing.imagesMs);
      await Promise.race([
        (async () => {
          for await (const event of events) {
            to.dispatch({ kind: "engine-event", at: to.now().toISOString(), event });
            if (changesEvidence(event)) reads.schedule();
          }
        })(),
        aborted(attemptSignal.signal),
      ]);
      throw new Error("the engine closed its event stream");
    } catch (error) {
      if (signal.aborted) break;
      const retryInMs = reconnectDelay(attempt++, timing.backoff);
      to.dispatch({ kind: "engine-lost", at: to.now().toISOString(), problem: problemOf(attemptSignal.signal.aborted ? attemptSignal.signal.reason : error), retryInMs });
      await sleep(retryInMs, signal);
    } finally {
      clearInterval(heartbeat);
      clearInterval(imagesBeat);
      signal.removeEventListener("abort", stop);
      attemptSignal.abort(new Error("reconnecting"));
      await reads.settled();
    }
  }
}

// Lists the images; when they differ from the newest read the state counts an event and a read is scheduled.
// A listing that fails is left to the ping and the next read to notice.
async function listImages(connection: EngineConnection, to: Dispatcher, reads: Reads, attempt: AbortController): Promise<void> {
  const images = await connection.images?.().catch(() => null);
  if (!images || attempt.signal.aborted) return;
  to.dispatch({ kind: "images-listed", at: to.now().toISOString(), fingerprint: imagesFingerprint(images) });
  if (needsRead(to.state())) reads.schedule();
}

// One read at a time, debounced; a read that fails ends the connection.
class Reads {
  connection: EngineConnection | null = null;
  private timer: NodeJS.Timeout | undefined;
  private firstPending = 0;
  private running: Promise<void> | null = null;

  constructor(
    private readonly to: Dispatcher,
    private readonly connectionSignal: AbortController,
    private readonly timing: EngineTiming,
  ) {}

  schedule(): void {
    const now = Date.now();
    if (this.timer === undefined) this.firstPending = now;
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.timing.debounceMs, this.firstPending + this.timing.maxDelayMs - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, wait);
  }

  // The first read of a connection: its failure is the connection's.
  async readNow(): Promise<void> {
    this.start(true);
    await this.running;
    if (this.connectionSignal.signal.aborted) throw this.connectionSignal.signal.reason;
  }

  settled(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.running ?? Promise.resolve();
  }

  private start(force = false): void {
    if (this.running) return;
    // `finally` runs a turn later, so it never clears a loop that has not been stored yet.
    this.running = this.loop(force).finally(() => (this.running = null));
  }

  // Reads until the state has seen no event the newest read missed (events that came in during a read).
  private async loop(force: boolean): Promise<void> {
    try {
      for (let first = force; (first || needsRead(this.to.state())) && !this.connectionSignal.signal.aborted; first = false) await this.read();
    } catch (error) {
      this.connectionSignal.abort(error);
    }
  }

  private async read(): Promise<void> {
    const connection = this.connection;
    if (!connection) return;
    const upTo = this.to.state().eventSeq;
    const snapshot = await connection.read();
    if (this.connectionSignal.signal.aborted) return;
    this.to.dispatch({ kind: "engine-read", at: this.to.now().toISOString(), endpoint: connection.endpoint, snapshot, upTo });
  }
}

// In the student's words: "nothing listens there", "no socket there", or the engine's own message.
export function problemOf(error: unknown): string {
  if (isHarnessError(error)) return error.message;
  // A daemon that dies mid-stream cuts the response: Node calls that "aborted" (ECONNRESET).
  const code = (error as { code?: string } | null)?.code;
  if (code === "ECONNRESET" || code === "EPIPE" || (error instanceof Error && error.message === "aborted")) return "the engine closed the connection";
  if (error instanceof Error && (error as { code?: string }).code) return describeConnectError(error);
  if (error instanceof Error && error.name === "TimeoutError") return "no answer in time";
  return error instanceof Error ? error.message : String(error);
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}
