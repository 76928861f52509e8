import type { EngineProbe } from "../docker/connect.ts";
import type { DockerCli } from "../docker/cli.ts";
import type { Endpoint } from "../docker/endpoints.ts";
import type { SameEngine } from "../docker/testcontainers-pin.ts";
import type { ImageState } from "../images/image-state.ts";
import type { LabImage } from "../images/lab-images.ts";
import type { ToolFacts } from "./tools.ts";

// Everything doctor learns about the machine, as plain data; assess() turns it into advice.
export interface DoctorFacts {
  platform: NodeJS.Platform;
  cli: DockerCli;
  probes: EngineProbe[];
  engine?: { endpoint: Endpoint; version: string; apiVersion: string; os: string; arch: string; operatingSystem: string; /** "the containerd image store", "overlay2" … */ store?: string };
  desktopInstalled: boolean;
  /** The images of the lab doctor was asked about. */
  labImages: LabImage[];
  /** How each stands on the engine (none without an engine). */
  images: Array<{ image: LabImage; public: ImageState; private: ImageState }>;
  registryAnswers: boolean;
  /** LABGRADE_OFFLINE: the substitutes are built even when a registry answers. */
  forceOffline: boolean;
  tools: ToolFacts;
  /** Whether testcontainers (which runs the app) talks to the engine that answered; a string when it found none. */
  testcontainers?: SameEngine | string;
  /** Why a build's processes cannot be bounded on this engine (build-cgroup.ts), null when they can. */
  buildPidsUnbounded?: string | null;
  /** The app's run bounds (memory, processes, CPU) the engine says it cannot apply, and why (run-bounds.ts); null when it applies them all. */
  runUnbounded?: string | null;
  /** What grading without an engine (`--no-engine`, or no engine answering) would use. */
  noEngine?: NoEngineFacts;
}

export interface NoEngineFacts {
  wheelsDir: string;
  /** The wheel cache there: what it was made from and for which python; null when there is none. */
  cache: { source: string; versions: Record<string, string>; python: { executable: string; version: string; cacheTag: string } } | null;
  /** The python that would run the app, as it says of itself, or why it does not run. */
  python: { executable: string; version: string; cacheTag: string } | { problem: string };
}

export type FindingStatus = "ok" | "warn" | "problem";

export interface Finding {
  id: "docker-cli" | "engine" | "testcontainers" | "run-bound" | "build-bound" | "no-engine" | "images" | "registry" | `image:${string}` | `tool:${string}`;
  status: FindingStatus;
  summary: string;
  fix?: string;
}
