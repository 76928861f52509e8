import type Dockerode from "dockerode";
import type { Engine } from "../docker/connect.ts";
import { withoutLabgradeImages } from "../evidence/collect-live.ts";
import { mapImage } from "../evidence/map-image.ts";
import type { LabMarks } from "../lab/lab.ts";
import { readLiveSnapshot } from "../pipeline/gather-snapshot.ts";
import { mapEngineEvent, type EngineEvent } from "./engine-event.ts";
import type { EngineConnection, EngineSource } from "./engine-source.ts";
import type { GraderSlot } from "./grader-slot.ts";

const PING_TIMEOUT_MS = 3_000;

interface Signalled {
  ping(options: { abortSignal: AbortSignal }): Promise<unknown>;
}

// The student's engine, as the grader found it: pinged, followed through `GET /events` (containers, images,
// volumes and networks), and read with the same reader `grade` and `collect` use.
export function dockerEngineSource(slot: GraderSlot, marks: LabMarks): EngineSource {
  return {
    async connect() {
      const { engine } = await slot.withEngine();
      return dockerConnection(engine, marks);
    },
  };
}

function dockerConnection(engine: Engine, marks: LabMarks): EngineConnection {
  const { docker } = engine;
  return {
    endpoint: engine.endpoint.url,
    async ping(signal) {
      // docker-modem takes `abortSignal` on every call; @types/dockerode does not list it.
      await (docker as unknown as Signalled).ping({ abortSignal: AbortSignal.any([signal, AbortSignal.timeout(PING_TIMEOUT_MS)]) });
    },
    async events(signal) {
      const stream = await docker.getEvents({ filters: { type: ["container", "image", "volume", "network"] }, abortSignal: signal } as Dockerode.GetEventsOptions);
      return engineEvents(stream as AsyncIterable<Buffer | string>);
    },
    read: () => readLiveSnapshot(engine, marks),
    images: async () => withoutLabgradeImages((await docker.listImages()).map(mapImage)),
  };
}

// The event stream is one JSON object a line; a line that does not parse is skipped, as followStream does.
export async function* engineEvents(stream: AsyncIterable<Buffer | string>): AsyncGenerator<EngineEvent> {
  let pending = "";
  for await (const chunk of stream) {
    pending += typeof chunk === "string" ? chunk : chunk.toString("utf8");
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        continue;
      }
      const event = mapEngineEvent(raw);
      if (event) yield event;
    }
  }
}
