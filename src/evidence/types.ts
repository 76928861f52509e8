// The engine as labgrade saw it: small plain types, mapped once from dockerode's JSON (map-*.ts).
// This is also the format of evidence.json (see EVIDENCE.md); bump EVIDENCE_SCHEMA when it changes.
export const EVIDENCE_SCHEMA = "labgrade.evidence/1";

export interface EngineFacts {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  operatingSystem: string;
}

export interface ContainerFact {
  id: string;
  /** Without the leading slash. */
  name: string;
  /** What the container was created from, as typed (Config.Image): "hello-world", "hello-world:latest". */
  image: string;
  imageId: string;
  created: string;
  /** Config.OpenStdin: created with -i. */
  interactive: boolean;
  /** Config.Tty: created with -t. */
  tty: boolean;
  command: string[];
  status: "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";
  /** False when State.StartedAt is 0001-01-01T00:00:00Z. */
  everStarted: boolean;
  exitCode: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** The start of its output (stdout and stderr together), up to a bound. */
  logs: string;
  logsTruncated: boolean;
}

export interface ImageFact {
  id: string;
  /** "python:latest", "pythonapp:latest"; none for a dangling image. */
  tags: string[];
  created: string;
  /** Built from labgrade's offline substitute (label org.labgrade.substitute=offline). */
  substitute: boolean;
}

export interface EngineSnapshot {
  schema: typeof EVIDENCE_SCHEMA;
  collectedAt: string;
  labgradeVersion: string;
  client: { version: string | null };
  /** null when no engine answered. */
  engine: EngineFacts | null;
  /** Where the engine answered: unix:///var/run/docker.sock … */
  endpoint: string | null;
  containers: ContainerFact[];
  images: ImageFact[];
}
