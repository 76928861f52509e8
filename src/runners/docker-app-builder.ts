import type Dockerode from "dockerode";
import { imageState } from "../images/image-state.ts";
import type { AppBuildRequest, AppBuilder } from "./app-runner.ts";
import { dockerfileOutsideContext, prepareBuildContext } from "./build-context.ts";
import { buildImage, type BuildRequest } from "./build-image.ts";
import type { BuildCacheJanitor } from "./build-cache.ts";
import { buildWithBuildkit } from "./buildkit-build.ts";
import { CgroupSlots } from "./cgroup-slots.ts";
import type { BuilderChoice } from "./choose-builder.ts";
import type { BuildResult } from "./types.ts";
import { withOriginalLines } from "../dockerfile/hoist-pip.ts";

export interface PrivatePython {
  tag: string;
  /** The offline substitute installs numpy and matplotlib with no network; the real image needs one. */
  substitute: boolean;
}

// Builds on the engine from a temporary copy of the app folder, FROM labgrade's private python copy.
export class DockerAppBuilder implements AppBuilder {
  private choice: Promise<BuilderChoice> | undefined;
  /** BuildKit's build cgroups, named so that a class's builds share cached steps. */
  private readonly slots = new CgroupSlots();

  constructor(
    private readonly docker: Dockerode,
    private readonly preparePython: () => Promise<PrivatePython>,
    /** Which builder to use (asked once); without it, the classic build API. */
    private readonly chooseBuilder?: () => Promise<BuilderChoice>,
    /** Where BuildKit's cache records of this run are counted, to be pruned when it closes. */
    private readonly buildCache?: BuildCacheJanitor,
  ) {}

  async build(req: AppBuildRequest): Promise<BuildResult> {
    const missing = await this.missingBase(req.externalBases);
    if (missing) return missing;
    const base = await this.preparePython();
    const outside = await dockerfileOutsideContext(req.appDir, req.dockerfile);
    if (outside) return { ok: false, log: outside, error: outside, durationMs: 0 };
    const context = await prepareBuildContext(req.appDir, req.dockerfile, base.tag);
    try {
      const build = await this.builder();
      const result = await build({
        context: context.dir,
        dockerfile: context.dockerfile,
        tag: req.tag,
        labels: req.labels,
        networkMode: base.substitute ? "none" : "default",
        timeoutMs: req.timeoutMs,
        limits: req.sandbox,
        ...(req.signal ? { signal: req.signal } : {}),
        ...(req.onLayer ? { onLayer: req.onLayer } : {}),
        sharedSteps: context.hoisted.map((h) => h.step),
      });
      // The daemon numbers the lines of the Dockerfile it was given; the student reads their own.
      return result.error && context.hoisted.length ? { ...result, error: withOriginalLines(result.error, context.originalLine) } : result;
    } finally {
      await context.dispose();
    }
  }

  private async builder(): Promise<(req: BuildRequest) => Promise<BuildResult>> {
    if (!this.chooseBuilder) return (req) => buildImage(this.docker, req);
    this.choice ??= this.chooseBuilder().catch((error: unknown) => {
      this.choice = undefined;
      throw error;
    });
    const choice = await this.choice;
    if (choice.kind === "classic") return (req) => buildImage(this.docker, req);
    const { buildCache: cache, slots } = this;
    const build = (req: BuildRequest) => buildWithBuildkit(this.docker, choice.client, req, slots);
    return (req) => (cache ? cache.track(() => build(req)) : build(req));
  }

  // Grading never pulls: the daemon would pull a missing base onto the student's engine, whatever the
  // build's network mode. A failed build says so instead.
  private async missingBase(bases: string[]): Promise<BuildResult | null> {
    for (const image of bases) {
      if (!image.includes("$") && (await imageState(this.docker, image)).present) continue;
      return { ok: false, log: "", durationMs: 0, error: `pull access denied for ${image}: labgrade builds only on images already on the engine and never pulls (\`${image}\` is not there). The lab's Dockerfile starts FROM python.` };
    }
    return null;
  }
}
