// Evidence: the student's engine read into plain snapshot types, so that checks never see dockerode's.
export { type ContainerFact, EVIDENCE_SCHEMA, type EngineFacts, type EngineSnapshot, type ImageFact } from "./types.ts";
export { collectLive, type CollectMeta, DEFAULT_MAX_LOG_BYTES, isHarnessContainer, snapshotWithoutEngine, withoutLabgradeImages } from "./collect-live.ts";
export { readEvidenceFile, writeEvidenceFile } from "./evidence-file.ts";
export { mapContainer } from "./map-container.ts";
export { mapImage } from "./map-image.ts";
export { demuxLogs, type Logs } from "./demux-logs.ts";

// The submission folder's evidence (app-folder.ts, dockerfile-facts.ts): exported below by its author.
