import type { ContainerFact, EngineSnapshot } from "../evidence/types.ts";
import { type CheckResult, passed } from "../lab/check-result.ts";
import { failedWith, type KindHints } from "./hints.ts";
import { joinAnd } from "./text-spec.ts";

// What the `compose` expectation of a lab file can say: a project `docker compose up` started on the student's
// engine, as compose's labels on its containers and volumes record it.
export interface ComposeSpec {
  /** The project's name (by default the folder's name); without one, the project on the engine that fits best. */
  project?: string;
  /** Services it must have, by name. */
  services?: string[];
  /** At least this many services. */
  min_services?: number;
  /** At least this many running containers of a service: `{ worker: 3 }` after `--scale worker=3`. */
  running?: Record<string, number>;
  /** What each service depends on, as compose records it (its `com.docker.compose.depends_on` label, compose 2.20 and later). */
  depends_on?: Record<string, string[]>;
  /** Some service depends on another. */
  any_depends_on?: boolean;
  /** Named volumes of the project (as the compose file names them), mounted by its containers. */
  volumes?: string[];
  /** At least one named volume of the project is mounted by one of its containers. */
  any_named_volume?: boolean;
  /** Some service runs at least this many containers. */
  scaled?: number;
  /** The handout's command that starts it, for hints (default `docker compose up -d`). */
  up?: string;
}

const PROJECT = "com.docker.compose.project";
const SERVICE = "com.docker.compose.service";
const ONEOFF = "com.docker.compose.oneoff";
const DEPENDS_ON = "com.docker.compose.depends_on";
const VOLUME = "com.docker.compose.volume";

// A compose project on the student's engine: its services, how many of each run, what depends on what, its volumes.
export function checkComposeProject(snapshot: EngineSnapshot, spec: ComposeSpec, hints: KindHints<"compose">): CheckResult {
  const up = spec.up ?? "docker compose up -d";
  const projects = groupBy(snapshot.containers.filter((c) => c.labels?.[PROJECT] !== undefined && c.labels[ONEOFF] !== "True"), (c) => c.labels![PROJECT]!);
  if (projects.size === 0) {
    const unlabelled = snapshot.containers.some((c) => c.labels === undefined);
    return failedWith(hints, "none", unlabelled ? "Expected containers started by `docker compose up`; found an evidence file from an older labgrade, which does not record containers' labels." : "Expected containers started by `docker compose up`; found none.", unlabelled ? "Collect the evidence again with the current labgrade: `npx labgrade collect -o evidence.json`." : `In the folder with the compose file, run \`${up}\`.`);
  }
  const name = spec.project ?? bestProject(projects, spec);
  const containers = projects.get(name);
  if (!containers) return failedWith(hints, "project", `Expected the compose project \`${name}\`; found ${[...projects.keys()].map((p) => `\`${p}\``).join(", ")}.`, `Start it from its folder (\`${up}\`), or name it: \`docker compose -p ${name} up -d\`.`, { project: name });
  const services = groupBy(containers, (c) => c.labels![SERVICE] ?? "?");
  const vars = { project: name };
  const missing = (spec.services ?? []).filter((s) => !services.has(s));
  if (missing.length) return failedWith(hints, "services", `Expected the services ${joinAnd(missing.map((s) => `\`${s}\``))} in the compose project \`${name}\`; found ${listed(services)}.`, `Define ${missing.length === 1 ? "it" : "them"} in the compose file, then \`${up}\`.`, vars);
  if (spec.min_services !== undefined && services.size < spec.min_services) return failedWith(hints, "services", `Expected at least ${spec.min_services} services in the compose project \`${name}\`; found ${services.size}: ${listed(services)}.`, `Add services to the compose file, then \`${up}\`.`, vars);
  for (const [service, wanted] of Object.entries(spec.running ?? {})) {
    const running = (services.get(service) ?? []).filter((c) => c.status === "running");
    if (running.length < wanted) {
      const all = services.get(service) ?? [];
      const found = all.length === 0 ? "no container of it" : `${running.length} running of ${all.length} (${all.map((c) => `\`${c.name}\` ${c.status}`).join(", ")})`;
      const hint = wanted > 1 ? `Scale it: \`docker compose up -d --scale ${service}=${wanted}\`.` : `Start it: \`${up}\`; if it stops at once, read why with \`docker compose logs ${service}\`.`;
      return failedWith(hints, "running", `Expected ${wanted === 1 ? "a running container" : `${wanted} running containers`} of the service \`${service}\` in \`${name}\`; found ${found}.`, hint, { ...vars, service });
    }
  }
  if (spec.scaled !== undefined) {
    const widest = [...services].map(([s, cs]) => [s, cs.filter((c) => c.status === "running").length] as const).sort((a, b) => b[1] - a[1])[0];
    if (!widest || widest[1] < spec.scaled) return failedWith(hints, "scaled", `Expected a service of \`${name}\` scaled to ${spec.scaled} running containers; found at most ${widest?.[1] ?? 0}${widest ? ` (\`${widest[0]}\`)` : ""}.`, `Scale one: \`docker compose up -d --scale <service>=${spec.scaled}\`.`, vars);
  }
  const dependsOn = dependencies(services);
  for (const [service, wanted] of Object.entries(spec.depends_on ?? {})) {
    const has = dependsOn.get(service);
    if (has === undefined) return failedWith(hints, "depends-on", `Expected compose to record what \`${service}\` depends on; its containers carry no ${DEPENDS_ON} label (compose before 2.20 does not write it).`, "Start the project with a current docker compose (2.20 or later).", { ...vars, service });
    const lacking = wanted.filter((w) => !has.includes(w));
    if (lacking.length) return failedWith(hints, "depends-on", `Expected \`${service}\` to depend on ${joinAnd(lacking.map((s) => `\`${s}\``))}; found it depends on ${has.length ? joinAnd(has.map((s) => `\`${s}\``)) : "nothing"}.`, `Add \`depends_on: [${lacking.join(", ")}]\` to \`${service}\` in the compose file, then \`${up}\`.`, { ...vars, service });
  }
  if (spec.any_depends_on && ![...dependsOn.values()].some((d) => d.length > 0)) return failedWith(hints, "depends-on", `Expected a service of \`${name}\` to depend on another; found none that does.`, "Add `depends_on:` to a service in the compose file, then `docker compose up -d`.", vars);
  const volumes = (snapshot.volumes ?? []).filter((v) => v.labels[PROJECT] === name);
  const mounted = (volume: string) => containers.some((c) => (c.mounts ?? []).some((m) => m.type === "volume" && volumes.some((v) => v.name === m.name && v.labels[VOLUME] === volume)));
  for (const volume of spec.volumes ?? []) {
    if (!volumes.some((v) => v.labels[VOLUME] === volume)) return failedWith(hints, "volumes", `Expected the named volume \`${volume}\` of the compose project \`${name}\`; found ${volumes.length ? volumes.map((v) => `\`${v.labels[VOLUME] ?? v.name}\``).join(", ") : "none"}.`, `Declare it under \`volumes:\` at the top of the compose file and mount it in a service (\`- ${volume}:/data\`), then \`${up}\`.`, { ...vars, volume });
    if (!mounted(volume)) return failedWith(hints, "volumes", `Expected the named volume \`${volume}\` mounted by a service of \`${name}\`; found it mounted by none.`, `Mount it in a service: \`volumes: ["${volume}:/data"]\`, then \`${up}\`.`, { ...vars, volume });
  }
  if (spec.any_named_volume && !volumes.some((v) => v.labels[VOLUME] !== undefined && mounted(v.labels[VOLUME]!))) return failedWith(hints, "volumes", `Expected a named volume of \`${name}\` mounted by one of its services; found ${volumes.length ? "volumes no service mounts" : "no named volume"}.`, "Declare a volume under `volumes:` at the top of the compose file and mount it in a service.", vars);
  return passed(`Found the compose project \`${name}\`: ${[...services].map(([s, cs]) => `${s} (${cs.filter((c) => c.status === "running").length} running)`).join(", ")}${volumes.length ? `; volumes ${volumes.map((v) => v.labels[VOLUME] ?? v.name).join(", ")}` : ""}.`);
}

// The project that holds the most of what the spec names, then the one with the most containers.
function bestProject(projects: Map<string, ContainerFact[]>, spec: ComposeSpec): string {
  const named = [...(spec.services ?? []), ...Object.keys(spec.running ?? {}), ...Object.keys(spec.depends_on ?? {})];
  const score = (cs: ContainerFact[]) => new Set(cs.map((c) => c.labels![SERVICE]).filter((s) => s !== undefined && named.includes(s))).size * 1000 + cs.length;
  return [...projects].sort((a, b) => score(b[1]) - score(a[1]) || (a[0] < b[0] ? -1 : 1))[0]![0];
}

// Each service's dependencies as its newest container records them (`db:service_started:false,cache:…`).
function dependencies(services: Map<string, ContainerFact[]>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [service, containers] of services) {
    const label = containers.map((c) => c.labels?.[DEPENDS_ON]).find((l) => l !== undefined);
    if (label !== undefined) out.set(service, label.split(",").map((d) => d.split(":")[0]!.trim()).filter((d) => d !== ""));
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const listed = (services: Map<string, ContainerFact[]>) => [...services.keys()].sort().map((s) => `\`${s}\``).join(", ") || "no service";
