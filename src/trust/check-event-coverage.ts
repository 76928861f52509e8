import type { EvidenceFileV2 } from "../evidence/evidence-file-v2.ts";
import type { ContainerFact } from "../evidence/types.ts";
import { isLabContainer } from "../lab/lab-container.ts";
import { apiVersionOf } from "./api-versions.ts";
import { engineStartedAt } from "./engine-start.ts";
import { parseTime, showTime } from "./parse-time.ts";
import { containerLabel, reason } from "./reason.ts";
import type { TrustLab } from "./trust-context.ts";
import type { TrustReason } from "./trust.ts";

// moby keeps its last 256 events (daemon/events: eventsLimit); a buffer that full may have let older ones go.
const BUFFER_EVENTS = 256;
// The bridge is made a moment after the engine's clock starts counting, and event times are rounded.
const SLACK_MS = 2_000;

// An engine always serves /events, and keeps every event since it started until its buffer is full: the events
// checks see the lab only if the file holds them. No events, or events that begin after a lab container was made
// while the engine (by its own documents) ran since before, and the buffer not full, were dropped by hand.
export function checkEventCoverage(file: EvidenceFileV2, lab: TrustLab): TrustReason[] {
  const raw = file.raw;
  if (!raw || !file.engine) return [];
  if (raw.events === null) {
    return [reason("events-missing", "The file holds none of the engine's events (`raw.events` is null). Every engine serves them and `labgrade collect` writes them or fails: they were removed from the file, and with them the checks they allow.")];
  }
  // Other engines (Podman) keep events their own way: only a Docker engine's buffer is judged, known by its version
  // or, whatever the version claims, by Docker's default bridge, which it makes anew each time it starts.
  if (apiVersionOf(file.engine.version) === null && engineStartedAt(raw) === null) return [];
  const received = raw.events.received ?? raw.events.events.length;
  if (raw.events.truncated || received >= BUFFER_EVENTS) return [];
  const times = raw.events.events.map(eventTime).filter((t): t is number => t !== null);
  const first = times.length > 0 ? Math.min(...times) : null;
  const started = engineStartedAt(raw);
  const labContainers = file.containers.filter((c) => isLabContainer(lab.marks, c));
  const before = (c: ContainerFact) => {
    const created = parseTime(c.created);
    return created !== null && (first === null || created + SLACK_MS < first) && !(started !== null && started + SLACK_MS > created);
  };
  const uncovered = labContainers.filter(before);
  if (uncovered.length === 0 || liveRestored(file, first)) return [];
  const since = started === null ? "the file shows no engine restart (it holds no default bridge network, which the engine makes anew each time it starts)" : `the engine last started ${showTime(started)} (its default bridge network's creation), before them`;
  const buffer = first === null ? "holds no event at all" : `begins ${showTime(first)}`;
  return [reason("events-dropped", `The engine's events ${buffer}, after ${uncovered.map((c) => `${containerLabel(c)} was created (${c.created})`).join(", ")}; ${since}, and its buffer held ${received} of the ${BUFFER_EVENTS} events it keeps: the events of the lab were removed from the file.`)];
}

// With live restore the engine keeps its bridge across a restart while a container runs through it: a restart may
// not show. Only if some container ran from before the buffer began until after it (or still runs).
function liveRestored(file: EvidenceFileV2, first: number | null): boolean {
  if (file.raw?.info.LiveRestoreEnabled !== true) return false;
  const from = first ?? parseTime(file.collectedAt) ?? 0;
  return file.containers.some((c) => {
    const started = parseTime(c.startedAt);
    return started !== null && started < from && (c.status === "running" || c.status === "paused" || (parseTime(c.finishedAt) ?? 0) > from);
  });
}

function eventTime(event: Record<string, unknown>): number | null {
  if (typeof event.timeNano === "number") return event.timeNano / 1e6;
  return typeof event.time === "number" ? event.time * 1000 : null;
}
