import type Dockerode from "dockerode";
import type { AppBuilder, AppRunner } from "./app-runner.ts";
import type { BuilderChoice } from "./choose-builder.ts";
import { DockerAppBuilder, type PrivatePython } from "./docker-app-builder.ts";
import { BuildCacheJanitor } from "./build-cache.ts";
import { ImageJanitor } from "./image-janitor.ts";
import { LocalAppBuilder, LocalAppRunner, type LocalEnvironment } from "./local/index.ts";
import { TestcontainersAppRunner } from "./testcontainers-app-runner.ts";

// Where a submission's app is built and run: one contract, a Docker and a local implementation.
export interface AppDriver {
  readonly kind: "docker" | "local";
  readonly builder: AppBuilder;
  readonly runner: AppRunner;
  /** A grade is done with its app: its image (and the layers its build made) or its venv goes. */
  release(tag: string): Promise<void>;
  close(): Promise<void>;
}

export type DriverChoice =
  | { engine: Dockerode; runId: string; basePython: () => Promise<PrivatePython>; builder?: () => Promise<BuilderChoice> }
  | { local: LocalEnvironment }
  | null;

// The one place that chooses: a Docker engine when one answered, else this machine when grading without one is allowed.
export function openDriver(choice: DriverChoice): AppDriver | null {
  if (!choice) return null;
  if ("local" in choice) {
    const { local } = choice;
    return { kind: "local", builder: new LocalAppBuilder(local), runner: new LocalAppRunner(local), release: (tag) => local.release(tag), close: () => local.close() };
  }
  const janitor = new ImageJanitor(choice.engine, choice.runId);
  const buildCache = new BuildCacheJanitor(choice.engine, choice.runId);
  return {
    kind: "docker",
    builder: janitor.wrap(new DockerAppBuilder(choice.engine, choice.basePython, choice.builder, buildCache)),
    runner: new TestcontainersAppRunner(choice.engine),
    release: (tag) => janitor.release(tag),
    // The images first: a record an app image still holds is not pruned.
    close: async () => {
      await janitor.close();
      await buildCache.close();
    },
  };
}
