import type { BuildResult, RunResult } from "../runners/types.ts";

/** One build and run of an app: what a grade of the same app reuses. */
export interface AppOutcome {
  build: BuildResult;
  run: RunResult | null;
  buildMs: number;
  runMs: number;
}

// The outcomes of apps a grader has built and run, by app key, the newest kept. A promise is stored as
// soon as a build starts, so two grades of the same app at once share one build.
export class AppCache {
  private readonly entries = new Map<string, Promise<AppOutcome>>();
  constructor(private readonly capacity = 64) {}

  get(key: string): Promise<AppOutcome> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, outcome: Promise<AppOutcome>): void {
    this.entries.set(key, outcome);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
