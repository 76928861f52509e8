import path from "node:path";
import type Dockerode from "dockerode";
import { cancelled, HarnessError } from "../../errors.ts";
import type { AppBuilder, Sandbox } from "../app-runner.ts";
import { BACKSTOP_GRACE_MS } from "../deadline.ts";
import type { ProbeOutcome, ServiceOutcome, ServicesResult } from "../types.ts";
import { PROBE_SCRIPT, readProbe } from "./probe.ts";
import { exited, startSandboxed, type Started } from "./service-container.ts";
import type { PlannedService } from "./service-plan.ts";
import { sleepUnlessAborted } from "../abortable-sleep.ts";

export interface ServicesRequest {
  /** The folder the compose file is in: `build:` contexts are relative to it. */
  dir: string;
  services: PlannedService[];
  gradeId: string;
  labels: Record<string, string>;
  sandbox: Sandbox;
  buildTimeoutMs: number;
  probes: Array<{ service: string; port: number; path: string; withinMs: number }>;
  /** How long the services are given to start before they are judged. */
  settleMs: number;
  /** labgrade's private copy of an image the lab uses, by the name the compose file gives; null when it is not one. */
  labImage: (image: string) => Promise<string | null>;
  /** The image the probes run in (labgrade's own python). */
  probeImage: string;
  signal?: AbortSignal;
}

/** How long a probe still waits once the service it asks has stopped. */
const STOPPED_GRACE_MS = 1_000;

/** The tag a service's image is built under, per grade: removed with the grade. */
export const serviceTag = (gradeId: string, service: string) => `labgrade/svc:${gradeId}-${service}`.toLowerCase();

// Starts a lab's services in labgrade's sandbox the way `docker compose up` would, with nothing of the student's
// machine: each built from the hand-in (on labgrade's own base, as an app is) or run from a lab image labgrade
// keeps, in depends_on order, on an internal network of the grade's own where each is reached by its service name,
// with the named volumes as volumes of the grade's own. Once they settle each is judged by how it stands, and the
// probes ask them over HTTP from inside the network. Everything it made is removed before it returns.
export class DockerServicesRunner {
  constructor(
    private readonly docker: Dockerode,
    private readonly builder: AppBuilder,
  ) {}

  async start(req: ServicesRequest): Promise<ServicesResult> {
    const { docker } = this;
    const network = `labgrade-${req.gradeId}`;
    const started = new Map<string, Started>();
    const volumes = [...new Set(req.services.flatMap((s) => s.volumes.map((v) => v.name)))];
    const volumeName = (name: string) => `labgrade-${req.gradeId}-${name}`;
    const outcomes: ServiceOutcome[] = [];
    try {
      await docker.createNetwork({ Name: network, Driver: "bridge", Internal: true, Labels: req.labels, CheckDuplicate: true } as Dockerode.NetworkCreateOptions);
      for (const v of volumes) await docker.createVolume({ Name: volumeName(v), Labels: req.labels });
      for (const service of req.services) {
        if (req.signal?.aborted) throw cancelled(req.signal);
        const outcome: ServiceOutcome = { name: service.name, build: null, refused: service.refused, notes: service.notes, state: null, output: "" };
        outcomes.push(outcome);
        const unstarted = service.dependsOn.filter((d) => !started.has(d));
        if (!outcome.refused && unstarted.length) outcome.refused = { why: `it depends on ${unstarted.map((d) => `\`${d}\``).join(", ")}, which did not start`, fix: `Make ${unstarted.map((d) => `\`${d}\``).join(", ")} start first.` };
        if (outcome.refused) continue;
        const image = await this.imageOf(service, req, outcome);
        if (!image) continue;
        const config = (await docker.getImage(image).inspect()).Config;
        const entrypoint = service.entrypoint ?? asList(config.Entrypoint);
        const cmd = service.command ?? (service.entrypoint ? [] : asList(config.Cmd));
        if (entrypoint.length === 0 && cmd.length === 0) {
          outcome.refused = { why: "its image has no command to run and the compose file gives none", fix: `Give \`${service.name}\` a \`command:\`, or its Dockerfile a CMD.` };
          continue;
        }
        // The time limit holds even when labgrade is gone: `timeout` kills it a little after labgrade would have.
        const seconds = String(Math.ceil((req.settleMs + Math.max(0, ...req.probes.map((p) => p.withinMs)) + req.sandbox.timeoutMs + BACKSTOP_GRACE_MS) / 1000));
        started.set(service.name, await startSandboxed(docker, {
          name: `labgrade-${req.gradeId}-${service.name}`.toLowerCase(),
          image,
          entrypoint: ["timeout", "-s", "KILL", seconds, ...entrypoint],
          cmd,
          env: service.environment,
          network,
          aliases: [service.name],
          volumes: service.volumes.map((v) => ({ ...v, name: volumeName(v.name) })),
          labels: req.labels,
          sandbox: req.sandbox,
        }));
      }
      await sleepUnlessAborted(req.settleMs, req.signal);
      const probes: ProbeOutcome[] = [];
      // A service that never started is not asked; one that stops while it is asked ends its probe.
      for (const probe of req.probes) {
        const service = started.get(probe.service);
        probes.push(service ? await this.probe(probe, network, req, service.ended) : { service: probe.service, port: probe.port, path: probe.path, status: null, body: "", error: "it was not started", durationMs: 0 });
      }
      for (const outcome of outcomes) {
        const run = started.get(outcome.name);
        if (!run) continue;
        const { State: state } = await run.container.inspect();
        outcome.state = { status: state.Status, exitCode: state.Running ? null : state.ExitCode, oomKilled: Boolean(state.OOMKilled) };
        await run.container.stop({ t: 0 }).catch(() => undefined);
        await Promise.race([run.ended, sleepUnlessAborted(3_000)]);
        outcome.output = `${run.output.text("stdout")}${run.output.text("stderr")}`;
      }
      return { services: outcomes, probes, settleMs: req.settleMs };
    } catch (error) {
      if (req.signal?.aborted) throw cancelled(req.signal);
      throw error instanceof HarnessError ? error : new HarnessError("ENGINE_FAILED", `The engine failed while labgrade started the lab's services: ${(error as Error).message}`, undefined, { cause: error });
    } finally {
      for (const run of started.values()) await run.container.remove({ force: true, v: true }).catch(() => undefined);
      await docker.getNetwork(network).remove().catch(() => undefined);
      for (const v of volumes) await docker.getVolume(volumeName(v)).remove().catch(() => undefined);
    }
  }

  // The service's image: built from the hand-in (the outcome keeps the build, failed or not), or labgrade's copy of
  // a lab image. labgrade never pulls: any other image is refused.
  private async imageOf(service: PlannedService, req: ServicesRequest, outcome: ServiceOutcome): Promise<string | null> {
    if (service.build) {
      const tag = serviceTag(req.gradeId, service.name);
      const appDir = path.resolve(req.dir, service.build.context);
      if (appDir !== req.dir && !appDir.startsWith(req.dir + path.sep)) {
        outcome.refused = { why: `its build context \`${service.build.context}\` is outside the folder handed in`, fix: "Build from a folder inside the one you hand in: `build: ./web`." };
        return null;
      }
      outcome.build = await this.builder.build({ appDir, dockerfile: service.build.dockerfile, externalBases: [], tag, labels: req.labels, timeoutMs: req.buildTimeoutMs, sandbox: req.sandbox, ...(req.signal ? { signal: req.signal } : {}) });
      return outcome.build.ok ? tag : null;
    }
    const kept = await req.labImage(service.image!);
    if (!kept) outcome.refused = { why: `its image \`${service.image}\` is not one the lab uses, and labgrade never pulls`, fix: "Use an image the lab uses (`image: python`), or build the service from a Dockerfile of yours." };
    return kept;
  }

  private async probe(probe: ServicesRequest["probes"][number], network: string, req: ServicesRequest, serviceEnded: Promise<void>): Promise<ProbeOutcome> {
    const started = Date.now();
    const run = await startSandboxed(this.docker, {
      name: `labgrade-${req.gradeId}-probe-${probe.service}-${probe.port}`.toLowerCase(),
      image: req.probeImage,
      entrypoint: ["timeout", "-s", "KILL", String(Math.ceil(probe.withinMs / 1000) + 15)],
      cmd: ["python3", "-c", PROBE_SCRIPT, probe.service, String(probe.port), probe.path, String(probe.withinMs / 1000)],
      env: {},
      network,
      aliases: [],
      volumes: [],
      labels: req.labels,
      sandbox: req.sandbox,
    });
    try {
      // The service's end is given a moment, for an answer on its way, before the probe is given up.
      const stopped = serviceEnded.then(() => sleepUnlessAborted(STOPPED_GRACE_MS, req.signal)).then(() => "stopped" as const);
      const outcome = await Promise.race([exited(run.container, probe.withinMs + 20_000).then(() => "asked" as const), stopped]);
      if (outcome === "stopped") return { service: probe.service, port: probe.port, path: probe.path, status: null, body: "", error: "it stopped before it answered", durationMs: Date.now() - started };
      await Promise.race([run.ended, sleepUnlessAborted(3_000)]);
      return { service: probe.service, port: probe.port, path: probe.path, ...readProbe(run.output.text("stdout")), durationMs: Date.now() - started };
    } finally {
      await run.container.remove({ force: true }).catch(() => undefined);
    }
  }
}

const asList = (value: string[] | string | null | undefined): string[] => (Array.isArray(value) ? value : value ? [value] : []);

