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
  // Format 3 (`labgrade.evidence/3`) and live reads: absent in files written before, where no step reads them.
  /** What is mounted where (`-v data:/data`, `-v "$PWD":/site`, `--mount type=tmpfs,…`). */
  mounts?: MountFact[];
  /** The networks it is attached to, with the aliases others reach it by. */
  networks?: ContainerNetworkFact[];
  /** Config.Env: `KEY=value`, the image's own included. */
  env?: string[];
  /** Published ports: the container's port (`80/tcp`) and the host port it is published on. */
  ports?: PortFact[];
  /** HostConfig.RestartPolicy.Name: `no`, `always`, `unless-stopped`, `on-failure`. */
  restart?: string;
  /** Config.Labels (compose's `com.docker.compose.*` among them). */
  labels?: Record<string, string>;
}

export interface MountFact {
  /** `volume`, `bind`, `tmpfs` … as the engine says. */
  type: string;
  /** The volume's name; null for a bind or tmpfs mount. */
  name: string | null;
  /** Where it comes from on the engine's machine (a bind's host path, a volume's folder). */
  source: string;
  /** Where it is in the container. */
  destination: string;
  readOnly: boolean;
}

export interface ContainerNetworkFact {
  name: string;
  /** Names it is reached by on that network besides its own (`--network-alias`, a compose service's name). */
  aliases: string[];
}

export interface PortFact {
  /** `80/tcp` */
  container: string;
  /** The host port it is published on; null when exposed and not published. */
  host: string | null;
}

export interface VolumeFact {
  name: string;
  driver: string;
  labels: Record<string, string>;
  /** null when the engine does not say (older engines). */
  created: string | null;
}

export interface NetworkFact {
  id: string;
  name: string;
  driver: string;
  /** Created with --internal: no way out of it. */
  internal: boolean;
  labels: Record<string, string>;
  created: string;
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
  /** Format 3 and live reads; absent in files written before (no step could read them then). */
  volumes?: VolumeFact[];
  networks?: NetworkFact[];
}
