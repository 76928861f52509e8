import { isHarnessContainer } from "../evidence/collect-live.ts";
import { type Fact, type Lab, stepsReading } from "../lab/lab.ts";

/** The kinds of engine object whose events can change what a lab's steps read. */
export type EventType = "container" | "image" | "volume" | "network";

// One line of the engine's event stream (`GET /events`), mapped once at the edge into a small plain type.
export interface EngineEvent {
  type: EventType;
  /** create, start, die, destroy, rename, tag, untag, delete, connect, mount, prune … as the engine names it. */
  action: string;
  id: string;
  /** A container's, volume's or network's name, or the image reference an image event names (`pythonapp:latest`, or an id). */
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
// image tags; volumes and networks and what is attached to them): they need no new read of the engine. A volume's
// mount and unmount come with a container's start and stop, which are read anyway.
const INERT = new Set(["attach", "detach", "resize", "top", "export", "save", "push", "archive-path", "extract-to-dir", "copy", "exec_create", "exec_start", "exec_detach", "exec_die", "health_status", "oom", "mount", "unmount"]);

// Which facts an event can change. A guide for the reader and a contract the recorded walks test: the watcher
// re-reads the whole engine after any event that is not inert, whatever its action.
const EVENT_FACTS: Readonly<Record<string, readonly Fact[]>> = {
  "container create": ["containers"],
  "container start": ["containers", "logs"],
  "container die": ["containers", "logs"],
  "container kill": ["containers", "logs"],
  "container stop": ["containers", "logs"],
  "container restart": ["containers", "logs"],
  "container pause": ["containers"],
  "container unpause": ["containers"],
  "container update": ["containers"],
  "container rename": ["containers"],
  "container destroy": ["containers"],
  "container prune": ["containers"],
  "image tag": ["images"],
  "image untag": ["images"],
  "image delete": ["images"],
  "image pull": ["images"],
  "image load": ["images"],
  "image import": ["images"],
  "image prune": ["images"],
  "volume create": ["volumes"],
  "volume destroy": ["volumes"],
  "volume prune": ["volumes"],
  "network create": ["networks"],
  "network destroy": ["networks"],
  "network prune": ["networks"],
  "network connect": ["networks", "containers"],
  "network disconnect": ["networks", "containers"],
};

// A lab's engine steps each event can change: `container start` ticks the steps that read containers and their output.
export function eventSteps(lab: Pick<Lab, "steps">): Readonly<Record<string, readonly string[]>> {
  return Object.fromEntries(Object.entries(EVENT_FACTS).map(([event, facts]) => [event, [...new Set(facts.flatMap((fact) => stepsReading(lab, fact)))]]));
}

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

const TYPES: ReadonlySet<unknown> = new Set<EventType>(["container", "image", "volume", "network"]);

// The engine's JSON for one event, or null when it is not a container, image, volume or network event.
export function mapEngineEvent(raw: unknown): EngineEvent | null {
  if (typeof raw !== "object" || raw === null) return null;
  const event = raw as RawEvent;
  const type = event.Type as EventType;
  if (!TYPES.has(type)) return null;
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
