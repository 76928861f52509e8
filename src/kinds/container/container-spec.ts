import type { ContainerFact } from "../../evidence/types.ts";
import type { TextSpec } from "../text-spec.ts";

// What the `container` expectation of a lab file can say (docs/authoring.md; labs/lab.schema.json).
export interface ContainerSpec {
  /** A container of this name; without one, any container that fits (but those other steps name). */
  name?: string;
  /** Made from this image (any tag or digest of it). */
  image?: string;
  /** Created with -i (Config.OpenStdin) / -t (Config.Tty). */
  interactive?: boolean;
  tty?: boolean;
  /** Started at least once. */
  started?: boolean;
  /** Its state now: created, running, paused, restarting, exited, dead. */
  state?: ContainerFact["status"];
  /** Exited with this code (and so is exited). */
  exit_code?: number;
  /** What it printed. */
  logs?: TextSpec;
  mounts?: MountSpec[];
  networks?: Array<string | NetworkAttachSpec>;
  /** Environment variables it was given: `KEY: value`. */
  env?: Record<string, string>;
  ports?: PortSpec[];
  /** Its restart policy: no, always, unless-stopped, on-failure. */
  restart?: string;
  /** The handout's commands that make it, for hints: `docker run …`, `docker container create …`, `docker container start …`. */
  run?: string;
  create?: string;
  start?: string;
}

export interface MountSpec {
  /** A named volume mounted at `target`. */
  volume?: string;
  /** A bind mount at `target`: true, or the host folder's path (or its last parts: `site`, `lab/site`). */
  bind?: boolean | string;
  /** A tmpfs mount at `target`. */
  tmpfs?: boolean;
  target: string;
  read_only?: boolean;
}

export interface NetworkAttachSpec {
  name: string;
  aliases?: string[];
}

export interface PortSpec {
  /** The container's port: 80, or "80/tcp". */
  container: number | string;
  /** The host port it is published on (-p 8080:80); without it, published on any. */
  host?: number | string;
}

/** Which of the spec's demands are about the container's run rather than how it was created. */
export const runsDemanded = (spec: ContainerSpec): boolean => spec.started !== undefined || spec.state !== undefined || spec.exit_code !== undefined || spec.logs !== undefined;
