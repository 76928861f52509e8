import { isHarnessContainer } from "../evidence/collect-live.ts";
import { type EngineStepId, stepsReading } from "../lab/steps.ts";

// One line of the engine's event stream (`GET /events`), mapped once at the edge into a small plain type.
export interface EngineEvent {
  type: "container" | "image";
  /** create, start, die, destroy, rename, tag, untag, delete, prune … as the engine names it. */
  action: string;
  id: string;
  /** A container's name, or the image reference an image event names (`pythonapp:latest`, or an id). */
  name: string | null;
  /** What a container was created from, as typed. */
  image: string | null;
  exitCode: number | null;
  /** labgrade's or testcontainers' own object: the evidence ignores it, so its events cannot change a verdict. */
  harness: boolean;
  /** When the engine says it happened (ISO), if it said. */
  time: string | null;
}

// Actions that change nothing the engine steps read (a container's flags, name, state, exit code and logs;
// image tags): they need no new read of the engine.
const INERT = new Set(["attach", "detach", "resize", "top", "export", "save", "push", "archive-path", "extract-to-dir", "copy", "exec_create", "exec_start", "exec_detach", "exec_die", "health_status", "oom"]);

// Which engine steps an event can change. A guide for the reader and a contract the recorded walks test:
// the watcher re-reads the whole engine after any event that is not inert, whatever its action.
const CONTAINER_STEPS = stepsReading("containers") as EngineStepId[];
const RUN_STEPS = stepsReading("logs") as EngineStepId[];
const IMAGE_STEPS = stepsReading("images") as EngineStepId[];
export const EVENT_STEPS: Readonly<Record<string, readonly EngineStepId[]>> = {
  "container create": CONTAINER_STEPS,
  "container start": RUN_STEPS,
  "container die": RUN_STEPS,
  "container kill": RUN_STEPS,
  "container stop": RUN_STEPS,
  "container restart": RUN_STEPS,
  "container rename": CONTAINER_STEPS,
  "container destroy": CONTAINER_STEPS,
  "container prune": CONTAINER_STEPS,
  "image tag": IMAGE_STEPS,
  "image untag": IMAGE_STEPS,
  "image delete": IMAGE_STEPS,
  "image pull": IMAGE_STEPS,
  "image load": IMAGE_STEPS,
  "image import": IMAGE_STEPS,
  "image prune": IMAGE_STEPS,
};

interface RawEvent {
  Type?: unknown;
  Action?: unknown;
  status?: unknown;
  id?: unknown;
  from?: unknown;
  timeNano?: unknown;
  time?: unknown;
  Actor?: { ID?: unknown; Attributes?: Record<string, unknown> | null } | null;
}

// The engine's JSON for one event, or null when it is not a container or image event.
export function mapEngineEvent(raw: unknown): EngineEvent | null {
  if (typeof raw !== "object" || raw === null) return null;
  const event = raw as RawEvent;
  const type = event.Type;
  if (type !== "container" && type !== "image") return null;
  const attributes = stringsOf(event.Actor?.Attributes);
  const action = text(event.Action) ?? text(event.status) ?? "";
  const name = attributes.name ?? null;
  const exit = attributes.exitCode === undefined ? null : Number(attributes.exitCode);
  return {
    type,
    // `exec_start: sh -c …` carries its command after the colon.
    action: action.split(":")[0]!.trim(),
    id: text(event.Actor?.ID) ?? text(event.id) ?? "",
    name,
    image: type === "container" ? (attributes.image ?? text(event.from) ?? null) : null,
    exitCode: exit !== null && Number.isFinite(exit) ? exit : null,
    harness: isHarnessContainer(attributes) || (type === "image" && name !== null && name.startsWith("labgrade/")),
    time: timeOf(event),
  };
}

// Whether the engine steps could read differently after this event.
export function changesEvidence(event: EngineEvent): boolean {
  return !event.harness && !INERT.has(event.action);
}

// The event as a student would recognise it: "container create my-container (hello-world)".
export function describeEvent(event: EngineEvent): string {
  const subject = shortId(event.name ?? event.id);
  const from = event.type === "container" && event.image ? ` (${event.image})` : "";
  const exit = event.action === "die" && event.exitCode !== null ? `, exit ${event.exitCode}` : "";
  return `${event.type} ${event.action}${subject ? ` ${subject}` : ""}${from}${exit}`;
}

// An image id as `docker images` shows it (12 hex digits); names are kept as they are.
function shortId(text: string): string {
  return /^sha256:[0-9a-f]{12,}$/.test(text) ? text.slice(7, 19) : text;
}

function stringsOf(attributes: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) if (typeof value === "string") out[key] = value;
  return out;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function timeOf(event: RawEvent): string | null {
  const nanos = typeof event.timeNano === "number" ? event.timeNano : null;
  const seconds = typeof event.time === "number" ? event.time : null;
  const ms = nanos !== null ? Math.floor(nanos / 1e6) : seconds !== null ? seconds * 1000 : null;
  return ms === null ? null : new Date(ms).toISOString();
}
