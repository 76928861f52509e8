// labgrade watch: the checklist followed live. The pure core (events → state → checklist) and the edges
// that feed it (the engine's event stream, the app's folder, the terminal).
export { APP_TIMING, followApp, type AppJudgement, type AppSource, type AppTiming } from "./app-follower.ts";
export { AppResultCache, appResultKey, cacheFolder, WATCH_CACHE_SCHEMA } from "./app-result-cache.ts";
export { reconnectDelay } from "./backoff.ts";
export { dockerAppSource, judgeAppFolder } from "./docker-app-source.ts";
export { dockerConnection, dockerEngineSource, engineEvents } from "./docker-engine-source.ts";
export { changesEvidence, describeEvent, EVENT_STEPS, mapEngineEvent, type EngineEvent } from "./engine-event.ts";
export { ENGINE_TIMING, followEngine, problemOf, type Dispatcher, type EngineTiming } from "./engine-follower.ts";
export type { EngineConnection, EngineSource } from "./engine-source.ts";
export { isAppFile, watchFolders } from "./folder-watcher.ts";
export { GraderSlot } from "./grader-slot.ts";
export { changedSteps, watchLine, worthShowing, type WatchLine } from "./json-line.ts";
export { judgeState, type EngineWord, type WatchStatus, type WatchStep, type WatchView } from "./judge-state.ts";
export { renderChecklist, truncate, wrap, type ChecklistFrame, type LastChange } from "./render-checklist.ts";
export { openScreen, type Screen } from "./terminal-screen.ts";
export { initialState, needsJudge, needsRead, reduce, type AppPhase, type EngineLink, type WatchEvent, type WatchState } from "./watch-state.ts";
export { runWatchSession, type WatchSessionOptions, type WatchUpdate } from "./watch-session.ts";
