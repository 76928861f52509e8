import type { Judged } from "../lab/result.ts";
import type { EngineSnapshot } from "../evidence/types.ts";
import { changesEvidence, describeEvent, type EngineEvent } from "./engine-event.ts";
import { imagesFingerprint } from "./images-fingerprint.ts";

/** How labgrade's link to the engine stands. */
export type EngineLink = { kind: "connecting" } | { kind: "answering"; endpoint: string } | { kind: "lost"; since: string; problem: string; retryAt: string };

export type AppPhase = "waiting" | "judging" | "judged";

/** What the watcher knows: everything the checklist is judged from. Plain data, changed only by `reduce`. */
export interface WatchState {
  /** The docker CLI's version, for the docker-engine step when no engine answers. */
  clientVersion: string | null;
  link: EngineLink;
  /** The newest read of the engine; kept (and shown as such) while the engine does not answer. */
  snapshot: EngineSnapshot | null;
  readAt: string | null;
  /** Engine events seen that could change the evidence, counted; `readSeq` of them are in `snapshot`. */
  eventSeq: number;
  readSeq: number;
  lastEvent: { at: string; text: string } | null;
  /** The images as the newest listing between reads showed them (imagesFingerprint), or null before one. */
  imagesListed?: string | null;
  app: {
    phase: AppPhase;
    /** File changes seen in the app's folder, counted; `judgedSeq` of them are in `verdicts`. */
    filesSeq: number;
    judgedSeq: number;
    verdicts: Record<string, Judged> | null;
    judgedAt: string | null;
    /** The digest of the build context judged (null without a Dockerfile). */
    digest: string | null;
    /** The build and run were not redone: the same folder was judged before (memory or disk). */
    reused: boolean;
  };
}

/** What happens to the watcher, in order: the reducer's input, and what the recorded walks hold. */
export type WatchEvent =
  | { kind: "engine-event"; at: string; event: EngineEvent }
  | { kind: "engine-read"; at: string; endpoint: string; snapshot: EngineSnapshot; upTo: number }
  | { kind: "engine-lost"; at: string; problem: string; retryInMs: number }
  /** The images, listed on a heartbeat: some builds change them and send no event (see reduce). */
  | { kind: "images-listed"; at: string; fingerprint: string }
  | { kind: "files-changed"; at: string; files: string[] }
  | { kind: "app-judging"; at: string; upTo: number }
  | { kind: "app-judged"; at: string; upTo: number; digest: string | null; verdicts: Record<string, Judged>; reused: boolean };

export function initialState(clientVersion: string | null = null): WatchState {
  return {
    clientVersion,
    link: { kind: "connecting" },
    snapshot: null,
    readAt: null,
    eventSeq: 0,
    readSeq: 0,
    lastEvent: null,
    app: { phase: "waiting", filesSeq: 0, judgedSeq: 0, verdicts: null, judgedAt: null, digest: null, reused: false },
  };
}

// The watcher's state after one event. Pure: the session feeds it what happened, and reads from the state
// what to do next (`needsRead`, `needsJudge`); the tests feed it recorded walks.
export function reduce(state: WatchState, event: WatchEvent): WatchState {
  switch (event.kind) {
    case "engine-event": {
      if (!changesEvidence(event.event)) return state;
      return { ...state, eventSeq: state.eventSeq + 1, lastEvent: { at: event.at, text: describeEvent(event.event) } };
    }
    case "engine-read": {
      // The engine is back: an app that could not be built or run without it is judged again.
      const back = state.link.kind !== "answering" && Object.values(state.app.verdicts ?? {}).some((v) => v.status === "error");
      const app = back ? { ...state.app, filesSeq: state.app.filesSeq + 1 } : state.app;
      return { ...state, link: { kind: "answering", endpoint: event.endpoint }, snapshot: event.snapshot, readAt: event.at, readSeq: Math.max(state.readSeq, event.upTo), app };
    }
    case "images-listed": {
      // Docker 26 with the containerd image store sends no image event for a BuildKit build (moby fixed it in
      // 27.1): images that differ from the newest read are an event of their own, counted once per listing seen.
      if (state.link.kind !== "answering" || !state.snapshot) return state;
      if (event.fingerprint === imagesFingerprint(state.snapshot.images) || event.fingerprint === state.imagesListed) return { ...state, imagesListed: event.fingerprint };
      return { ...state, imagesListed: event.fingerprint, eventSeq: state.eventSeq + 1, lastEvent: { at: event.at, text: "the images changed (the engine sent no event)" } };
    }
    case "engine-lost": {
      const since = state.link.kind === "lost" ? state.link.since : event.at;
      const retryAt = new Date(Date.parse(event.at) + event.retryInMs).toISOString();
      return { ...state, link: { kind: "lost", since, problem: event.problem, retryAt } };
    }
    case "files-changed":
      return { ...state, app: { ...state.app, filesSeq: state.app.filesSeq + 1 }, lastEvent: { at: event.at, text: `changed ${event.files.join(", ") || "the app's folder"}` } };
    case "app-judging":
      return { ...state, app: { ...state.app, phase: "judging" } };
    case "app-judged":
      return {
        ...state,
        app: { ...state.app, phase: "judged", judgedSeq: Math.max(state.app.judgedSeq, event.upTo), verdicts: event.verdicts, judgedAt: event.at, digest: event.digest, reused: event.reused },
      };
  }
}

/** Events have come in since the engine was last read (or it has never been read while answering). */
export function needsRead(state: WatchState): boolean {
  return state.link.kind === "answering" && state.eventSeq > state.readSeq;
}

/** The app's folder changed since it was last judged, or it never was. */
export function needsJudge(state: WatchState): boolean {
  return state.app.verdicts === null || state.app.filesSeq > state.app.judgedSeq;
}
