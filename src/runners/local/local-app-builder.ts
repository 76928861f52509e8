import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { cancelled, HarnessError } from "../../errors.ts";
import { readInside } from "../../evidence/read-inside.ts";
import type { AppBuildRequest, AppBuilder } from "../app-runner.ts";
import { BUILD_DIR_PREFIX, dockerfileOutsideContext, prepareBuildContext } from "../build-context.ts";
import type { BuildResult } from "../types.ts";
import { planDockerfile, type PlanStep } from "../../dockerfile/local-plan.ts";
import { copyStep, CopyRefused, imageDir, readImageFile } from "./lay-out.ts";
import type { LocalEnvironment } from "./local-environment.ts";
import type { InstallSet } from "./named-requirements.ts";

/** The first line of every local build's log: the report says how the app was built. */
const WITHOUT_ENGINE = "Built without a Docker engine";

// "Builds" an app with no engine: the Dockerfile read as the engine would (what it refuses fails the build in
// its words), the app laid out in a folder standing in for `/` as WORKDIR and COPY say (the .dockerignore
// applied), and a fresh venv holding exactly what the RUN pip lines install, from the wheel cache. Other RUN
// lines are not run, and the log says so. Registered under the request's tag for the LocalAppRunner.
export class LocalAppBuilder implements AppBuilder {
  constructor(private readonly local: LocalEnvironment) {}

  async build(req: AppBuildRequest): Promise<BuildResult> {
    const started = Date.now();
    const deadline = started + req.timeoutMs;
    const text = await readInside(req.appDir, req.dockerfile);
    if (text === null) throw new HarnessError("BAD_INPUT", `labgrade could not read ${req.dockerfile} in ${req.appDir}.`);
    const plan = planDockerfile(text);
    const log: string[] = [];
    const result = (fields: Partial<BuildResult> & { ok: boolean }): BuildResult => ({ log: log.join("\n") + "\n", durationMs: Date.now() - started, ...fields });
    if (plan.kind === "refused") return result({ ok: false, error: plan.error });
    if (plan.kind === "unsupported") {
      throw new HarnessError("TOOL_MISSING", `Without an engine labgrade cannot build this Dockerfile: ${plan.reason}. This is not a mistake in the Dockerfile; grade it where a Docker engine answers.`);
    }
    const installs = plan.steps.flatMap((s) => (s.kind === "run" && s.install ? [s.install] : []));
    const { python, wheels } = await this.local.toolchain(installs.length > 0);
    log.push(`${WITHOUT_ENGINE}: python ${python.version} (${python.executable}) stands in for FROM ${plan.from.image}; packages come from ${wheels ? `the wheel cache ${wheels.dir} (${wheels.manifest.source})` : "no wheel cache"}.`);
    const root = await mkdtemp(path.join(os.tmpdir(), `${BUILD_DIR_PREFIX}${process.pid}-root-`));
    await chmod(root, 0o755);
    let registered = false;
    const outside = await dockerfileOutsideContext(req.appDir, req.dockerfile);
    if (outside) return { ok: false, log: outside, error: outside, durationMs: 0 };
    const context = await prepareBuildContext(req.appDir, req.dockerfile, "python");
    try {
      const total = plan.steps.length + 1;
      log.push(`Step 1/${total} : FROM ${plan.from.image}`);
      const install: InstallSet = { packages: [], requirements: [], command: null };
      for (const [i, step] of plan.steps.entries()) {
        if (req.signal?.aborted) throw cancelled(req.signal);
        log.push(`Step ${i + 2}/${total} : ${step.text}`);
        const refused = await this.apply(step, context.dir, root, install, log);
        if (refused) return result({ ok: false, error: refused });
      }
      const venv = await this.local.venvs.get({ python, wheels, install, deadline, ...(req.signal ? { signal: req.signal } : {}) });
      if (venv.log) log.push(venv.log.trimEnd());
      if (!venv.ok) {
        if (venv.timedOut) return result({ ok: false, timedOut: true, error: `The build did not finish within ${Math.round(req.timeoutMs / 1000)} s and was stopped.` });
        return result({ ok: false, error: venv.error });
      }
      await imageDir(root, plan.workdir, "WORKDIR");
      this.local.apps.set(req.tag, { root, workdir: plan.workdir, command: plan.command, env: plan.env, venv: { dir: venv.dir, python: venv.python }, python });
      registered = true;
      log.push(`Successfully built ${req.tag} (no image: a folder and a python environment)`);
      return result({ ok: true });
    } catch (error) {
      if (error instanceof CopyRefused) return result({ ok: false, error: error.message });
      throw error;
    } finally {
      await context.dispose();
      if (!registered) await rm(root, { recursive: true, force: true });
    }
  }

  // One instruction; returns the engine's refusal when the build stops there.
  private async apply(step: PlanStep, context: string, root: string, install: InstallSet, log: string[]): Promise<string | null> {
    if (step.kind === "workdir") await imageDir(root, step.path, "WORKDIR");
    else if (step.kind === "copy") {
      for (const link of await copyStep(context, root, step)) log.push(` ---> not copied without an engine: ${link} is a link that leads to no file in the build context (labgrade copies a link's file, never the link)`);
    }
    else if (step.kind === "skip") log.push(` ---> not applied without an engine: ${step.why}`);
    else if (step.kind === "run") {
      if (!step.install) {
        log.push(" ---> not run without an engine: only pip installs are stood in for");
        return null;
      }
      install.command ??= step.command;
      install.packages.push(...step.install.packages.map((p) => p.written));
      for (const name of step.install.requirements) {
        const text = await readImageFile(root, path.posix.resolve(step.workdir, name));
        if (text === null) {
          log.push(`ERROR: Could not open requirements file: [Errno 2] No such file or directory: '${name}'`);
          return `The command '/bin/sh -c ${step.command}' returned a non-zero code: 1`;
        }
        install.requirements.push({ name, text });
      }
    }
    return null;
  }
}
