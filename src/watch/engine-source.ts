import type { EngineSnapshot, ImageFact } from "../evidence/types.ts";
import type { EngineEvent } from "./engine-event.ts";

/** One connection to an engine that answered. */
export interface EngineConnection {
  /** Where it answered, as DOCKER_HOST spells it. */
  endpoint: string;
  ping(signal: AbortSignal): Promise<void>;
  /** Resolves once the engine is sending its events; the iterable ends when the engine closes the stream. */
  events(signal: AbortSignal): Promise<AsyncIterable<EngineEvent>>;
  /** The engine as evidence, right now. Reads only. */
  read(): Promise<EngineSnapshot>;
  /** The images alone, as a read would show them: listed on a heartbeat, cheaper than a read. */
  images?(): Promise<ImageFact[]>;
}

// Where the watcher's engine comes from: Docker through the grader, or a test's recorded one.
export interface EngineSource {
  /** Throws when no engine answers. */
  connect(): Promise<EngineConnection>;
}
