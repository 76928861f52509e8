import type { Failure } from "../errors.ts";
import type { AppFolder } from "../evidence/app-folder.ts";
import type { DockerfileFacts } from "../dockerfile/dockerfile-facts.ts";
import type { ComposeFacts } from "../dockerfile/compose-facts.ts";
import type { BuildResult, RunResult, ServicesResult } from "../runners/types.ts";

// What labgrade learned from the submission's folder and from building and running its app.
export interface AppEvidence {
  app: AppFolder;
  facts: DockerfileFacts | null;
  /** The text of the requirements file a `pip install -r` line names, when there is one. */
  requirements: string | null;
  /** The .dockerignore pattern that leaves the app's script out of the image, if any. */
  dockerignoreExcluded: string | null;
  appFile: string | null;
  build: BuildResult | null;
  run: RunResult | null;
  /** A harness problem that kept labgrade from building or running the app (never the student's fault). */
  harnessProblem: Failure | null;
  /** A compose lab: the hand-in's compose file, as found and read (null when there is none; absent in other labs). */
  compose?: { file: string; facts: ComposeFacts } | { missing: true; lookedIn: string[] } | null;
  /** The lab's services started in the sandbox; `skipped` says why they were not started here (no engine). */
  services?: ServicesResult | { skipped: string } | null;
}
