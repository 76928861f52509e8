import { access } from "node:fs/promises";
import path from "node:path";
import pc from "picocolors";
import type { LabgradeConfig } from "../config.ts";
import { probeDockerCli } from "../docker/cli.ts";
import { HarnessError } from "../errors.ts";
import { readLiveSnapshot } from "../pipeline/gather-snapshot.ts";
import { openGrader, type GraderOptions } from "../pipeline/grader.ts";
import { createProgress, silentProgress } from "../progress/progress.ts";
import { renderConsole } from "../reports/console.ts";
import type { GradeReport, StepResult } from "../lab/result.ts";
import { loadRubric } from "../lab/rubric-file.ts";
import { type Lab, labRef, type Step } from "../lab/lab.ts";
import { type LabFlags, labFrom } from "./lab-option.ts";
import { version } from "../version.ts";
import {
  AppResultCache,
  cacheFolder,
  dockerAppSource,
  dockerEngineSource,
  GraderSlot,
  initialState,
  judgeAppFolder,
  judgeState,
  openScreen,
  type LastChange,
  reduce,
  renderChecklist,
  runWatchSession,
  watchLine,
  type WatchState,
  type WatchUpdate,
  type WatchView,
} from "../watch/index.ts";
import { defaultSubmission } from "./defaults.ts";
import { sandboxFrom } from "./sandbox-options.ts";

export interface WatchOptions extends LabFlags {
  jsonLines?: boolean;
  once?: boolean;
  rubric?: string;
  timeout?: number;
  memory?: number;
  buildTimeout?: number;
}

export interface WatchIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

// `labgrade watch [DIR]`: the checklist, live. On a terminal a full screen redrawn in place; otherwise (or
// with --json-lines) one JSON object a change. --once judges once and prints the table. Runs until the
// CLI's signal aborts (Ctrl-C); everything the watcher made on the engine is removed before it returns.
export async function watchCommand(dir: string | undefined, options: WatchOptions, config: LabgradeConfig, env: NodeJS.ProcessEnv = process.env, signal: AbortSignal = new AbortController().signal, io: WatchIo = process): Promise<number> {
  const lab = await labFrom(options, env);
  const folder = dir ? path.resolve(dir) : defaultSubmission(lab, env);
  await access(folder).catch(() => {
    throw new HarnessError("BAD_INPUT", `Expected a lab folder at ${folder}; there is none.`, "Pass the folder that holds (or will hold) your app.py and Dockerfile: `labgrade watch path/to/folder`.");
  });
  const steps = await loadRubric(options.rubric, lab);
  const screen = Boolean(io.stdout.isTTY) && !options.jsonLines;
  const graderOptions: GraderOptions = {
    config,
    lab,
    steps,
    sandbox: sandboxFrom(options),
    buildTimeoutMs: options.buildTimeout ? options.buildTimeout * 1000 : config.appBuildTimeoutMs,
    env,
    // Preparing the python base can take minutes offline: a progress bar, but never over the full screen.
    progress: options.once || !screen ? createProgress({ title: "preparing labgrade's python image", stream: io.stderr }) : silentProgress,
    // --once judges like `grade`: with no engine answering, the app is built without one.
    ...(options.once ? { local: { mode: "fallback" as const, env } } : {}),
  };
  const slot = new GraderSlot(() => openGrader(graderOptions));
  const cache = AppResultCache.in(cacheFolder(env));
  try {
    if (options.once) return await judgeOnce({ folder, lab, steps, slot, cache, env, signal, io, jsonLines: Boolean(options.jsonLines) });
    const clientVersion = (await probeDockerCli(env)).version ?? null;
    const session = {
      lab,
      steps,
      engine: dockerEngineSource(slot, lab.marks),
      app: dockerAppSource({ slot, dir: folder, cache }),
      clientVersion,
    };
    if (!screen) {
      // A reader that goes away (`| head -1`, an editor that closed) ends the watch like Ctrl-C, cleanly.
      const gone = new AbortController();
      const stop = () => gone.abort(new Error("the reader of the JSON lines went away"));
      io.stdout.once("error", stop);
      try {
        await runWatchSession({ ...session, onUpdate: (u) => io.stdout.write(JSON.stringify(watchLine(u.view, u.changed, u.at)) + "\n") }, AbortSignal.any([signal, gone.signal]));
      } finally {
        io.stdout.off("error", stop);
      }
      return 0;
    }
    const terminal = openScreen(io.stdout);
    let shown = false;
    let latest: WatchState | null = null;
    let lastChange: LastChange | null = null;
    const frame = (width: number, height: number, live: boolean) =>
      shown && latest ? renderChecklist({ folder, view: judgeState(latest, lab, steps), state: latest, lastChange, now: new Date(), width, height, color: pc.isColorSupported, live }) : [];
    // A line that fills the last column makes some terminals wrap: one column is left free.
    const draw = () => terminal.draw(frame(terminal.width - 1, terminal.height, true));
    terminal.onResize(draw);
    // Each second too: the wait before the next try to reach the engine counts down.
    const tick = setInterval(draw, 1_000);
    try {
      const onUpdate = (u: WatchUpdate) => {
        // The first checklist is not a change; after it, what changed and what came just before.
        if (shown && u.changed.length > 0) lastChange = { at: u.at.toISOString(), changed: u.changed, cause: u.state.lastEvent?.text ?? null };
        shown = true;
        draw();
      };
      await runWatchSession({ ...session, onState: (state) => (latest = state), onUpdate }, signal);
    } finally {
      clearInterval(tick);
      terminal.close();
    }
    // The checklist stays on the normal screen, where the student left it.
    if (shown) io.stdout.write(frame(io.stdout.columns || 100, Number.MAX_SAFE_INTEGER, false).join("\n") + "\n");
    return 0;
  } finally {
    await slot.close();
  }
}

interface OnceContext {
  folder: string;
  lab: Lab;
  steps: readonly Step[];
  slot: GraderSlot;
  cache: AppResultCache;
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  io: WatchIo;
  jsonLines: boolean;
}

// Reads the engine once and judges the app (not built again when its folder has not changed since a
// judgement on disk), prints the table or one JSON line. Exit 0 when every step was judged, 1 otherwise.
async function judgeOnce({ folder, lab, steps, slot, cache, env, signal, io, jsonLines }: OnceContext): Promise<number> {
  const started = new Date();
  const grader = await slot.grader();
  let state = initialState((await probeDockerCli(env)).version ?? null);
  const at = () => new Date().toISOString();
  state = grader.engine
    ? reduce(state, { kind: "engine-read", at: at(), endpoint: grader.engine.endpoint.url, snapshot: await readLiveSnapshot(grader.engine, lab.marks), upTo: 0 })
    : reduce(state, { kind: "engine-lost", at: at(), problem: "No Docker engine answered.", retryInMs: 0 });
  const judged = await judgeAppFolder(grader, folder, cache, signal);
  state = reduce(state, { kind: "app-judged", at: at(), upTo: 0, ...judged });
  const view = judgeState(state, lab, steps);
  if (jsonLines) io.stdout.write(JSON.stringify(watchLine(view, view.steps.map((s) => s.id), new Date())) + "\n");
  else io.stdout.write(renderConsole(asReport(view, folder, started, lab), { color: Boolean(io.stdout.isTTY) }) + (judged.reused ? "The app was not built again: its folder has not changed since it was last judged.\n" : ""));
  const unjudged = view.steps.filter((s) => s.status === "error");
  if (unjudged.length === 0) return 0;
  io.stderr.write(`labgrade could not judge ${unjudged.map((s) => s.id).join(", ")} (not the student's mistake): ${unjudged[0]!.message}\nFix the machine (\`labgrade doctor\`) and try again.\n`);
  return 1;
}

// The console table's model: every step is judged in --once (nothing is pending).
function asReport(view: WatchView, folder: string, started: Date, lab: Lab): GradeReport {
  const steps = view.steps.map(({ stale: _stale, status, ...step }): StepResult => ({ ...step, status: status === "pending" ? "error" : status }));
  return {
    labgradeVersion: version(),
    lab: labRef(lab),
    submission: { name: path.basename(folder), path: folder },
    evidence: "live",
    startedAt: started.toISOString(),
    timings: { evidenceMs: 0, buildMs: 0, runMs: 0, totalMs: Date.now() - started.getTime() },
    steps,
    score: view.score,
    maxScore: view.max,
    app: null,
  };
}
