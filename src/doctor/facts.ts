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
  engine?: { endpoint: Endpoint; version: string; apiVersion: string; os: string; arch: string; operatingSystem: string };
  desktopInstalled: boolean;
  images: Array<{ image: LabImage; public: ImageState; private: ImageState }>;
  registryAnswers: boolean;
  /** LABGRADE_OFFLINE: the substitutes are built even when a registry answers. */
  forceOffline: boolean;
  tools: ToolFacts;
  /** Whether testcontainers (which runs the app) talks to the engine that answered; a string when it found none. */
  testcontainers?: SameEngine | string;
}

export type FindingStatus = "ok" | "warn" | "problem";

export interface Finding {
  id: "docker-cli" | "engine" | "testcontainers" | "images" | "registry" | `image:${string}` | `tool:${string}`;
  status: FindingStatus;
  summary: string;
  fix?: string;
}
