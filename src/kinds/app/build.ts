import type { AppFolder } from "../../evidence/app-folder.ts";
import type { DockerfileFacts } from "../../dockerfile/dockerfile-facts.ts";
import type { BuildResult } from "../../runners/types.ts";
import { isEngineFault } from "../../runners/engine-fault.ts";
import { at, harnessError, located, passed, type CheckResult } from "../../lab/check-result.ts";
import { failedWith, type KindHints } from "../hints.ts";
import type { AppLore } from "./app-lore.ts";
import { buildHint, continuationWarning, failureLine } from "./build-hints.ts";
import { explainMissingDockerfile } from "./dockerfile.ts";

/** The `build` expectation: the hand-in's Dockerfile builds. Nothing more to say yet. */
export type BuildSpec = Record<string, never>;

const MAX_QUOTE = 600;

// The Dockerfile builds. A build that fails, or that the engine refuses to start (a parse error, an invalid FROM),
// is the student's and quotes the daemon's own error with a hint; only an engine that breaks is an error.
// `facts` (the Dockerfile as read) lets a hint name the line.
export function checkBuild(app: AppFolder, build: BuildResult | null, facts: DockerfileFacts | null, lore: AppLore, hints: KindHints<"build">): CheckResult {
  if (!build) {
    if (!app.dockerfile) {
      const miss = explainMissingDockerfile(app, lore);
      return located(failedWith(hints, miss.key, `Expected the Dockerfile to build; there is nothing to build. ${miss.message}`, miss.hint), miss.file ? at(miss.file) : null);
    }
    return harnessError(`\`${app.dockerfile.file}\` was found but labgrade did not build it.`);
  }
  if (build.ok) {
    const warning = continuationWarning(build.log);
    return { ...passed(`\`${app.dockerfile?.file ?? "Dockerfile"}\` builds (${(build.durationMs / 1000).toFixed(1)} s).${unboundedNote(build)}`), ...(warning ? { hint: warning } : {}) };
  }
  const error = (build.error ?? "").trim() || lastLines(build.log, 3) || "no error text";
  const quoted = error.length > MAX_QUOTE ? `${error.slice(0, MAX_QUOTE)}…` : error;
  if (!build.timedOut && isEngineFault(error)) {
    return harnessError(`labgrade could not judge the build: the engine failed while building, which is not a mistake in the Dockerfile: ${quoted}`, lastLines(build.log, 20));
  }
  const verdict = failedWith(hints, "failed", `Expected the Dockerfile to build; the build failed: ${quoted}${unboundedNote(build)}`, buildHint(error, build.log, app, facts, lore), { error: quoted }, lastLines(build.log, 20));
  return located(verdict, app.dockerfile ? at(app.dockerfile.file, failureLine(error, facts)) : null);
}

// A build labgrade could not bound in processes, memory or CPU says so, rather than grading as if it had been bounded.
function unboundedNote(build: BuildResult): string {
  const pids = build.pidsUnbounded ? ` It was built without labgrade's bound on its processes: ${build.pidsUnbounded}.` : "";
  return pids + (build.limitsUnbounded ? ` It was built without labgrade's bounds on its ${build.limitsUnbounded}.` : "");
}

function lastLines(text: string, count: number): string {
  return text.trimEnd().split(/\r?\n/).slice(-count).join("\n");
}
