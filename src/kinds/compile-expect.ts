import type { AppCheck, EngineCheck, Fact } from "../lab/lab.ts";
import { checkBuild } from "./app/build.ts";
import type { AppLore } from "./app/app-lore.ts";
import { checkDockerfile, type DockerfileSpec } from "./app/dockerfile.ts";
import { checkPlot, type PlotSpec } from "./app/plot.ts";
import { checkRun, type RunSpec } from "./app/run.ts";
import { checkAnyContainer } from "./container/any-container.ts";
import type { ContainerLore } from "./container/container-lore.ts";
import type { ContainerSpec } from "./container/container-spec.ts";
import { checkNamedContainer } from "./container/named-container.ts";
import { checkEngine } from "./engine.ts";
import type { ExpectKind } from "./findings.ts";
import type { StepHints } from "./hints.ts";
import { checkImage, type ImageSpec } from "./image.ts";
import { checkComposeFile, type ComposeFileSpec } from "./app/compose-file.ts";
import { checkComposeUp, checkHttp, type HttpSpec } from "./app/services.ts";
import { checkComposeProject, type ComposeSpec } from "./compose-project.ts";
import { checkNetwork, type NetworkSpec } from "./network.ts";
import { checkVolume, type VolumeSpec } from "./volume.ts";
import { APP_SERVICE } from "../lab/lab.ts";

/** What a kind is told besides its own values: the step's hints, and what the whole lab says of its objects. */
export interface KindContext {
  hints: StepHints;
  /** What the lab says of a named container (its image, the handout's commands). */
  container: (name: string) => ContainerLore;
  /** The containers the lab's steps name: a step about "some container" leaves them to their own steps. */
  namedContainers: readonly string[];
  /** The hand-in's app as the lab describes it; null in a lab without one. */
  app: AppLore | null;
}

export type Compiled = { kind: "engine"; reads: Fact[]; check: EngineCheck } | { kind: "app"; reads: Fact[]; check: AppCheck };

// A step's expectation as a check. The lab file's schema has checked the values' shapes; what only the lab as
// a whole can tell (an app kind in a lab without an app) is thrown as an Error naming the step.
export function compileExpect(kind: ExpectKind, spec: unknown, context: KindContext): Compiled {
  const { hints } = context;
  switch (kind) {
    case "engine":
      return { kind: "engine", reads: ["engine"], check: (snapshot) => checkEngine(snapshot, hints) };
    case "container": {
      const s = spec as ContainerSpec;
      const reads: Fact[] = s.logs ? ["containers", "logs"] : ["containers"];
      if (s.name !== undefined) {
        const named = s as ContainerSpec & { name: string };
        const lore = context.container(named.name);
        return { kind: "engine", reads, check: (snapshot) => checkNamedContainer(snapshot, named, lore, hints) };
      }
      return { kind: "engine", reads, check: (snapshot) => checkAnyContainer(snapshot, s, context.namedContainers, hints) };
    }
    case "image": {
      const s = spec as ImageSpec;
      return { kind: "engine", reads: s.used ? ["containers", "images"] : ["images"], check: (snapshot) => checkImage(snapshot, s, hints) };
    }
    case "volume": {
      const s = spec as VolumeSpec;
      return { kind: "engine", reads: s.used_by ? ["volumes", "containers"] : ["volumes"], check: (snapshot) => checkVolume(snapshot, s, hints) };
    }
    case "network": {
      const s = spec as NetworkSpec;
      return { kind: "engine", reads: s.containers?.length ? ["networks", "containers"] : ["networks"], check: (snapshot) => checkNetwork(snapshot, s, hints) };
    }
    case "compose": {
      const s = spec as ComposeSpec;
      return { kind: "engine", reads: s.volumes?.length || s.any_named_volume ? ["containers", "volumes"] : ["containers"], check: (snapshot) => checkComposeProject(snapshot, s, hints) };
    }
    case "compose_file": {
      const lore = appOf(context, kind);
      if (!lore.composeFile) throw new Error("`compose_file` reads the hand-in's compose file, and the lab's `app` names none: add `compose: compose.yaml` under `app:`");
      const s = spec as ComposeFileSpec;
      const wanted = lore.composeFile;
      return { kind: "app", reads: ["folder"], check: (app) => checkComposeFile(app.compose && "facts" in app.compose ? app.compose : null, app.compose && "missing" in app.compose ? app.compose.lookedIn : app.app.files, s, wanted, hints) };
    }
    case "compose_up": {
      const lore = appOf(context, kind);
      if (!lore.composeFile) throw new Error("`compose_up` starts the hand-in's compose file, and the lab's `app` names none: add `compose: compose.yaml` under `app:`");
      return { kind: "app", reads: ["folder", "build", "run"], check: (app) => checkComposeUp(app.services, app.compose && "file" in app.compose ? app.compose.file : null, hints) };
    }
    case "http": {
      const lore = appOf(context, kind);
      const s = spec as HttpSpec;
      if (lore.composeFile && s.service === undefined) throw new Error("in a compose lab, `http` names the service to ask, and this one names none: add `service:` with a service of the compose file (`service: web`)");
      const service = s.service ?? APP_SERVICE;
      return { kind: "app", reads: ["run"], check: (app) => checkHttp(app.services, s, service, lore, hints) };
    }
    case "dockerfile": {
      const lore = appOf(context, kind);
      const s = spec as DockerfileSpec;
      return { kind: "app", reads: ["folder"], check: (app) => checkDockerfile(app.app, app.facts, app.requirements, s, lore, hints) };
    }
    case "build": {
      const lore = appOf(context, kind);
      return { kind: "app", reads: ["folder", "build"], check: (app) => checkBuild(app.app, app.build, app.facts, lore, hints) };
    }
    case "run": {
      const lore = appOf(context, kind);
      const s = spec as RunSpec;
      return { kind: "app", reads: ["run"], check: (app) => checkRun(app.run, s, { dockerignoreExcluded: app.dockerignoreExcluded, appFile: app.appFile, lore }, hints) };
    }
    case "plot": {
      const lore = appOf(context, kind);
      const s = spec as PlotSpec;
      return { kind: "app", reads: ["run"], check: (app) => checkPlot(app.run, s, lore, hints) };
    }
  }
}

function appOf(context: KindContext, kind: string): AppLore {
  if (!context.app) throw new Error(`\`${kind}\` judges the hand-in's app, and the lab has no \`app\` section to say what the app is: add one (\`app: { tag: myapp, base: python }\`), or drop this step`);
  return context.app;
}
