import path from "node:path";
import { cancelled } from "../errors.ts";
import { locateApp, type AppFolder } from "../evidence/app-folder.ts";
import { imageState } from "../images/image-state.ts";
import { PYTHON } from "../images/lab-images.ts";
import { gradeApp } from "../pipeline/grade-app.ts";
import type { Grader } from "../pipeline/grader.ts";
import { judgeApp } from "../lab/judge.ts";
import { appSteps } from "../lab/lab.ts";
import { contextDigest, treeDigest } from "../runners/context-digest.ts";
import { codeIdentity } from "../version.ts";
import type { AppJudgement, AppSource } from "./app-follower.ts";
import { appResultKey, type AppResultCache } from "./app-result-cache.ts";
import { watchFolders } from "./folder-watcher.ts";
import type { GraderSlot } from "./grader-slot.ts";

export interface DockerAppSourceOptions {
  slot: GraderSlot;
  /** The folder the student works in: the app is in it, or in its one subfolder that holds a Dockerfile. */
  dir: string;
  /** The results of apps judged before, on disk; null to build every time. */
  cache: AppResultCache | null;
}

// The app steps, judged from the folder as `grade` judges them: built from a copy of the folder on the
// grader's private python, run in the sandbox, everything it made removed afterwards.
export function dockerAppSource(options: DockerAppSourceOptions): AppSource {
  let baseSeen = false;
  return {
    async judge(signal) {
      let grader = await options.slot.grader();
      // `docker system prune -a` removes labgrade's python copy too: a new grader makes it again.
      if (grader.engine && baseSeen && !(await imageState(grader.engine.docker, PYTHON.privateTag)).present) {
        await options.slot.replace(grader);
        grader = await options.slot.grader();
      }
      const judged = await judgeAppFolder(grader, options.dir, options.cache, signal);
      baseSeen ||= grader.engine !== null && judged.digest !== null;
      return judged;
    },
    watch(onChange) {
      const stops = [watchFolders([options.dir], onChange)];
      // The app may sit in a subfolder: watch that one too, once it is found.
      void locateApp(options.dir).then(
        (app) => {
          if (app.dir && app.dir !== options.dir) stops.push(watchFolders([app.dir], onChange));
        },
        () => undefined,
      );
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}

// One judgement of the app's folder with an open grader. Throws only when cancelled, after cleaning up.
export async function judgeAppFolder(grader: Grader, dir: string, cache: AppResultCache | null, signal?: AbortSignal): Promise<AppJudgement> {
  // A lab judged wholly from the engine has no app: nothing to build.
  if (appSteps(grader.options.lab).length === 0) return { digest: null, verdicts: {}, reused: false };
  const app = await locateApp(dir);
  const known = await knownKey(grader, dir, app);
  if (known && cache) {
    const verdicts = await cache.get(known.key);
    if (verdicts) return { digest: known.digest, verdicts, reused: true };
  }
  const result = await gradeApp(grader, dir, signal);
  if (signal?.aborted) throw cancelled(signal);
  const verdicts = judgeApp(grader.options.lab, { evidence: result.evidence, runner: grader.engine ? "docker" : "local" });
  // Only verdicts about the student's work are kept: labgrade's own trouble is tried again next time.
  const complete = Object.values(verdicts).every((v) => v.status !== "error");
  if (cache && complete && result.appDigest) {
    const after = await knownKey(grader, dir, app, result.appDigest);
    if (after) await cache.set(after.key, verdicts).catch(() => undefined);
  }
  return { digest: result.appDigest, verdicts, reused: result.reused };
}

/** What a grade writes into a hand-in's folder, or an editor leaves there: not the hand-in. */
const IGNORED = /^(evidence\.json|labgrade-report|reports|\.git|node_modules)$|~$|^\.?#|\.swp$/;

// The key of the app's result when it can be known without building: the folder has a Dockerfile and the
// private python copy it would be built on is there. It holds the lab's digest (another lab judges the same folder
// otherwise), and for a lab that starts services the whole hand-in (its compose file, each service's folder). Reads only.
async function knownKey(grader: Grader, dir: string, app: AppFolder, digest?: string): Promise<{ key: string; digest: string } | null> {
  if (!grader.engine || !app.dir || !app.dockerfile) return null;
  const base = await imageState(grader.engine.docker, PYTHON.privateTag).catch(() => null);
  if (!base?.present) return null;
  const context = digest ?? (await contextDigest(app.dir, app.dockerfile.file));
  const layout = { dockerfile: app.dockerfile, misses: app.misses, candidates: app.candidates, pyFiles: app.pyFiles, dockerignore: app.dockerignore, appScript: app.appScript };
  const { lab } = grader.options;
  const handIn = lab.app?.compose || lab.app?.services ? await treeDigest(dir, (full) => !IGNORED.test(path.basename(full))) : null;
  const key = appResultKey({ digest: context, layout, baseId: base.id, sandbox: grader.options.sandbox, buildTimeoutMs: grader.options.buildTimeoutMs, version: codeIdentity(), lab: lab.digest, handIn });
  return { key, digest: context };
}
