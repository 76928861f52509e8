import type { WatchEvent } from "./watch-state.ts";

/** A walk of the handout as the watcher saw it: each command and the events that followed it. */
export interface RecordedWalk {
  schema: "labgrade.watch-walk/1";
  /** The engine's version it was recorded on. */
  engine: string;
  commands: Array<{ command: string; exitCode: number; events: WatchEvent[] }>;
}
