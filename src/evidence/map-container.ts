import type Dockerode from "dockerode";
import type { Logs } from "./demux-logs.ts";
import type { ContainerFact, ContainerNetworkFact, MountFact, PortFact } from "./types.ts";

// Go's zero time, "0001-01-01T00:00:00Z": the engine's StartedAt for a container that never started,
// FinishedAt for one that never stopped.
const ZERO_TIME_PREFIX = "0001-01-01T00:00:00";
const STATUSES: ReadonlySet<string> = new Set<ContainerFact["status"]>(["created", "running", "paused", "restarting", "removing", "exited", "dead"]);
// While the process runs there is no exit code yet; the engine reports 0 in its place.
const NO_EXIT_CODE_YET: ReadonlySet<ContainerFact["status"]> = new Set(["running", "paused", "restarting", "removing"]);

// One container as the checks see it, from `docker inspect` and its (already bounded) logs.
export function mapContainer(inspect: Dockerode.ContainerInspectInfo, logs: Logs): ContainerFact {
  const state = inspect.State;
  const everStarted = !isZeroTime(state.StartedAt);
  const status = mapStatus(state, everStarted);
  // A created container reports exit code 0 although it never ran; one whose start failed keeps the failure's code.
  const neverRan = status === "created" && state.ExitCode === 0;
  return {
    id: inspect.Id,
    name: inspect.Name.replace(/^\//, ""),
    image: inspect.Config.Image,
    imageId: inspect.Image,
    created: inspect.Created,
    interactive: inspect.Config.OpenStdin === true,
    tty: inspect.Config.Tty === true,
    command: [inspect.Path, ...(inspect.Args ?? [])].filter((part) => part !== ""),
    status,
    everStarted,
    exitCode: NO_EXIT_CODE_YET.has(status) || neverRan ? null : state.ExitCode,
    startedAt: everStarted ? state.StartedAt : null,
    finishedAt: isZeroTime(state.FinishedAt) ? null : state.FinishedAt,
    logs: logs.text,
    logsTruncated: logs.truncated,
    mounts: (inspect.Mounts ?? []).map(mapMount),
    networks: mapNetworks(inspect),
    env: inspect.Config.Env ?? [],
    ports: mapPorts(inspect.HostConfig?.PortBindings as Record<string, Array<{ HostPort?: string }> | null> | undefined),
    restart: inspect.HostConfig?.RestartPolicy?.Name || "no",
    labels: { ...(inspect.Config.Labels ?? {}) },
  };
}

/** The fields format 1 and 2 hold: what a file of those formats is compared with when its facts are derived again. */
const LATER_FIELDS = ["mounts", "networks", "env", "ports", "restart", "labels"] as const;
export function formerFields(container: ContainerFact): ContainerFact {
  return Object.fromEntries(Object.entries(container).filter(([key]) => !(LATER_FIELDS as readonly string[]).includes(key))) as unknown as ContainerFact;
}

function mapMount(mount: Dockerode.ContainerInspectInfo["Mounts"][number]): MountFact {
  const { Type, Name, Source, Destination, RW } = mount as { Type?: string; Name?: string; Source?: string; Destination?: string; RW?: boolean };
  return { type: Type ?? "unknown", name: Type === "volume" && Name ? Name : null, source: Source ?? "", destination: Destination ?? "", readOnly: RW === false };
}

// The aliases a student gave (--network-alias, compose's service name): engines up to 25 also list the
// container's short id there, and some its name, which every container has anyway.
function mapNetworks(inspect: Dockerode.ContainerInspectInfo): ContainerNetworkFact[] {
  const networks = (inspect.NetworkSettings?.Networks ?? {}) as Record<string, { Aliases?: string[] | null }>;
  const own = new Set([inspect.Id.slice(0, 12), inspect.Name.replace(/^\//, "")]);
  return Object.entries(networks)
    .map(([name, endpoint]) => ({ name, aliases: [...new Set((endpoint?.Aliases ?? []).filter((a) => !own.has(a)))].sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function mapPorts(bindings: Record<string, Array<{ HostPort?: string }> | null> | undefined): PortFact[] {
  return Object.entries(bindings ?? {})
    .map(([port, published]) => ({ container: port, host: published?.find((b) => b.HostPort)?.HostPort ?? null }))
    .sort((a, b) => (a.container < b.container ? -1 : a.container > b.container ? 1 : 0));
}

function isZeroTime(time: string | undefined): boolean {
  return !time || time.startsWith(ZERO_TIME_PREFIX);
}

// An engine newer than these types may report a status we do not know: judge it by the state's flags.
function mapStatus(state: Dockerode.ContainerInspectInfo["State"], everStarted: boolean): ContainerFact["status"] {
  if (STATUSES.has(state.Status)) return state.Status as ContainerFact["status"];
  if (state.Running) return state.Paused ? "paused" : state.Restarting ? "restarting" : "running";
  if (state.Dead) return "dead";
  return everStarted ? "exited" : "created";
}
