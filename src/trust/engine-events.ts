import type { RawDocument, RawEvents } from "../evidence/evidence-file-v2.ts";
import { text } from "./raw-fields.ts";

/** One of the engine's events, read from its document as the engine (or a hand) wrote it. */
export interface EngineEvent {
  type: string;
  action: string;
  id: string;
  attributes: Record<string, string>;
  /** Milliseconds since the epoch. */
  at: number;
}

// The events a file holds, oldest first; an event that lacks a type, an action, an actor or a time is left out.
export function readEvents(raw: RawEvents | null | undefined): EngineEvent[] {
  return (raw?.events ?? []).map(readEvent).filter((e): e is EngineEvent => e !== null).sort((a, b) => a.at - b.at);
}

export function readEvent(doc: RawDocument): EngineEvent | null {
  const type = text(doc, "Type");
  const action = text(doc, "Action") ?? text(doc, "status");
  const id = text(doc, "Actor", "ID") ?? text(doc, "id");
  const nano = doc.timeNano;
  const at = typeof nano === "number" ? nano / 1e6 : typeof doc.time === "number" ? doc.time * 1000 : null;
  if (!type || !action || !id || at === null) return null;
  const attributes = (doc.Actor as { Attributes?: Record<string, string> } | undefined)?.Attributes ?? {};
  // An exec's events read "exec_start: sh" and a health check's "health_status: healthy": the action is the first word.
  return { type, action: action.split(":")[0]!.trim(), id, attributes, at };
}
