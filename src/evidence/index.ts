// Evidence: the student's engine read into plain snapshot types, so that checks never see dockerode's.
export { type ContainerFact, EVIDENCE_SCHEMA, type EngineFacts, type EngineSnapshot, type ImageFact } from "./types.ts";
export { collectLive, type CollectMeta, DEFAULT_MAX_LOG_BYTES, isHarnessContainer, snapshotWithoutEngine, withoutLabgradeImages } from "./collect-live.ts";
export { readEvidence, readEvidenceFile, snapshotOf, writeEvidenceFile } from "./evidence-file.ts";
export { type Evidence, EVIDENCE_SCHEMA_V2, type EvidenceFileV2, type RawDocument, type RawDocuments, type RawEvents } from "./evidence-file-v2.ts";
export { collectEvidence, evidenceWithoutEngine } from "./collect-evidence.ts";
export { deriveFacts, type DerivedFacts } from "./derive-facts.ts";
export { canonicalJson, evidenceDigest } from "./digest.ts";
export { mapContainer } from "./map-container.ts";
export { mapImage } from "./map-image.ts";
export { demuxLogs, type Logs } from "./demux-logs.ts";

// The submission folder's evidence (app-folder.ts, dockerfile-facts.ts): exported below by its author.
