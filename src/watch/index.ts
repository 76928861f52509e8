// labgrade watch: the checklist followed live. The pure core (events → state → checklist) and the edges
// that feed it (the engine's event stream, the app's folder, the terminal).
export { type AppJudgement, type AppSource, type AppTiming } from "./app-follower.ts";
export { AppResultCache, cacheFolder } from "./app-result-cache.ts";
export { dockerAppSource, judgeAppFolder } from "./docker-app-source.ts";
export { dockerEngineSource } from "./docker-engine-source.ts";
export { type EngineEvent } from "./engine-event.ts";
export { type Dispatcher, type EngineTiming } from "./engine-follower.ts";
export type { EngineConnection, EngineSource } from "./engine-source.ts";
export { GraderSlot } from "./grader-slot.ts";
export { watchLine, type WatchLine } from "./json-line.ts";
export { judgeState, type EngineWord, type WatchStatus, type WatchStep, type WatchView } from "./judge-state.ts";
export { renderChecklist, type ChecklistFrame, type LastChange } from "./render-checklist.ts";
export { openScreen, type Screen } from "./terminal-screen.ts";
export { initialState, reduce, type AppPhase, type EngineLink, type WatchEvent, type WatchState } from "./watch-state.ts";
export { runWatchSession, type WatchSessionOptions, type WatchUpdate } from "./watch-session.ts";
